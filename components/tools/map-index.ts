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
