// A uniform grid over the map's points, so the point under the pointer is
// found by looking at a few cells instead of all 20,000 points.

export type Placed = { x: number; y: number };

export type GridIndex = { cell: number; cells: Map<string, number[]> };

export function buildIndex(points: Placed[], cell: number): GridIndex {
  const cells = new Map<string, number[]>();
  points.forEach((p, i) => {
    const key = `${Math.floor(p.x / cell)},${Math.floor(p.y / cell)}`;
    const list = cells.get(key);
    if (list) list.push(i);
    else cells.set(key, [i]);
  });
  return { cell, cells };
}

/** Index of the point nearest (x, y) within `radius`, or -1. */
export function nearestPoint(index: GridIndex, points: Placed[], x: number, y: number, radius: number): number {
  const reach = Math.ceil(radius / index.cell);
  const cx = Math.floor(x / index.cell);
  const cy = Math.floor(y / index.cell);
  let best = -1;
  let bestDist = radius * radius;
  for (let i = cx - reach; i <= cx + reach; i++) {
    for (let j = cy - reach; j <= cy + reach; j++) {
      for (const k of index.cells.get(`${i},${j}`) ?? []) {
        const d = (points[k].x - x) ** 2 + (points[k].y - y) ** 2;
        if (d <= bestDist) {
          bestDist = d;
          best = k;
        }
      }
    }
  }
  return best;
}

export type Direction = "left" | "right" | "up" | "down";
const DIRECTIONS: Record<Direction, Placed> = { left: { x: -1, y: 0 }, right: { x: 1, y: 0 }, up: { x: 0, y: -1 }, down: { x: 0, y: 1 } };

/**
 * The point an arrow key moves to from `from`: the nearest one within 45° of
 * the direction, sideways distance counting double so the move stays on its
 * line; -1 when nothing lies that way. One pass over the points (a key press,
 * not a pointer move, so 20,000 points cost nothing noticeable).
 */
export function pointInDirection(points: Placed[], from: number, direction: Direction): number {
  const d = DIRECTIONS[direction];
  const o = points[from];
  let best = -1;
  let bestCost = Infinity;
  points.forEach((p, i) => {
    if (i === from) return;
    const dx = p.x - o.x;
    const dy = p.y - o.y;
    const ahead = dx * d.x + dy * d.y;
    const aside = Math.abs(dx * d.y - dy * d.x);
    if (ahead <= 0 || aside > ahead) return;
    const cost = ahead + 2 * aside;
    if (cost < bestCost) {
      bestCost = cost;
      best = i;
    }
  });
  return best;
}

/** Index of the point nearest (x, y) whatever the distance, or -1 when there are none. */
export function nearestAnywhere(points: Placed[], x: number, y: number): number {
  let best = -1;
  let bestDist = Infinity;
  points.forEach((p, i) => {
    const d = (p.x - x) ** 2 + (p.y - y) ** 2;
    if (d < bestDist) {
      bestDist = d;
      best = i;
    }
  });
  return best;
}
