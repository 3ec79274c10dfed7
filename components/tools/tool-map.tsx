"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useRef, useState, type KeyboardEvent, type PointerEvent, type WheelEvent } from "react";
import type { MapPoint } from "@/lib/catalog/queries";
import { categoryColor, UNCATEGORIZED } from "./map-colors";
import { buildIndex, nearestAnywhere, nearestPoint, pointInDirection, type Direction } from "./map-index";

const W = 1000;
const H = 620;
const PAD = 20;
const HIT_PX = 8;
/** a finger is less precise than a mouse */
const TOUCH_HIT_PX = 22;
const ARROWS: Record<string, Direction> = { ArrowLeft: "left", ArrowRight: "right", ArrowUp: "up", ArrowDown: "down" };

type Category = { id: string; name: string };

/**
 * The tool map: one SVG path per category (so 20,000 points stay cheap to
 * draw), zoom with the wheel, pan by dragging, hover names a tool, a click
 * opens it. Points keep their size at any zoom (non-scaling strokes).
 * A tap selects the nearest tool and names it below the map with a link (a
 * second tap on it opens it); on the keyboard the map is one tab stop where
 * the arrows move between tools, Enter or Space opens the selected one, + and
 * - zoom and 0 resets the view.
 */
export function ToolMap({ points, categories }: { points: MapPoint[]; categories: Category[] }) {
  const router = useRouter();
  const svg = useRef<SVGSVGElement>(null);
  const [view, setView] = useState({ x: 0, y: 0, k: 1 });
  // the tool named under the map: under the mouse, last tapped, or reached with the arrows
  const [hover, setHover] = useState<number>(-1);
  const drag = useRef<{ x: number; y: number; vx: number; vy: number; moved: boolean } | null>(null);

  const { placed, paths, index } = useMemo(() => {
    const xs = points.map((p) => p.x);
    const ys = points.map((p) => p.y);
    const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const sx = (W - 2 * PAD) / (maxX - minX || 1);
    const sy = (H - 2 * PAD) / (maxY - minY || 1);
    const placed = points.map((p) => ({ x: PAD + (p.x - minX) * sx, y: H - PAD - (p.y - minY) * sy }));
    const order = new Map(categories.map((c, i) => [c.id, i]));
    const segments = new Map<string, string[]>();
    points.forEach((p, i) => {
      const key = p.categoryId ?? "";
      const list = segments.get(key) ?? [];
      list.push(`M${placed[i].x.toFixed(1)} ${placed[i].y.toFixed(1)}h0`);
      segments.set(key, list);
    });
    const paths = [...segments.entries()].map(([id, parts]) => ({
      id,
      d: parts.join(""),
      color: id && order.has(id) ? categoryColor(order.get(id)!) : UNCATEGORIZED,
    }));
    return { placed, paths, index: buildIndex(placed, 10) };
  }, [points, categories]);

  const names = useMemo(() => new Map(categories.map((c) => [c.id, c.name])), [categories]);

  /** The pointer in map coordinates and the scale from screen pixels to them. */
  function toMap(e: { clientX: number; clientY: number }) {
    const box = svg.current!.getBoundingClientRect();
    const px = ((e.clientX - box.left) / box.width) * W;
    const py = ((e.clientY - box.top) / box.height) * H;
    return { px, py, x: (px - view.x) / view.k, y: (py - view.y) / view.k, perPixel: W / box.width / view.k };
  }

  function onWheel(e: WheelEvent<SVGSVGElement>) {
    const { px, py } = toMap(e);
    const k = Math.min(60, Math.max(1, view.k * (e.deltaY < 0 ? 1.25 : 0.8)));
    setView({ k, x: px - ((px - view.x) * k) / view.k, y: py - ((py - view.y) * k) / view.k });
  }

  function onPointerDown(e: PointerEvent<SVGSVGElement>) {
    drag.current = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y, moved: false };
  }

  function onPointerMove(e: PointerEvent<SVGSVGElement>) {
    const d = drag.current;
    if (d && e.buttons) {
      const box = svg.current!.getBoundingClientRect();
      const dx = ((e.clientX - d.x) / box.width) * W;
      const dy = ((e.clientY - d.y) / box.height) * H;
      if (Math.abs(dx) + Math.abs(dy) > 3) d.moved = true;
      setView((v) => ({ ...v, x: d.vx + dx, y: d.vy + dy }));
      return;
    }
    const m = toMap(e);
    setHover(nearestPoint(index, placed, m.x, m.y, HIT_PX * m.perPixel));
  }

  function onPointerUp(e: PointerEvent<SVGSVGElement>) {
    const d = drag.current;
    drag.current = null;
    if (d?.moved) return;
    const m = toMap(e);
    const hit = nearestPoint(index, placed, m.x, m.y, (e.pointerType === "mouse" ? HIT_PX : TOUCH_HIT_PX) * m.perPixel);
    if (hit < 0) return;
    // a mouse has named the tool already by hovering; a finger names it with the first tap
    if (e.pointerType === "mouse" || hit === hover) open(hit);
    else setHover(hit);
  }

  function open(i: number) {
    router.push(`/tools/${points[i].id}`);
  }

  /** Selects point i and, when it is outside the view, pans the view to centre it. */
  function selectInView(i: number) {
    setHover(i);
    const p = placed[i];
    const sx = p.x * view.k + view.x;
    const sy = p.y * view.k + view.y;
    if (sx < 0 || sx > W || sy < 0 || sy > H) setView({ ...view, x: W / 2 - p.x * view.k, y: H / 2 - p.y * view.k });
  }

  function zoomBy(factor: number) {
    const k = Math.min(60, Math.max(1, view.k * factor));
    const c = hover >= 0 ? { x: placed[hover].x * view.k + view.x, y: placed[hover].y * view.k + view.y } : { x: W / 2, y: H / 2 };
    setView({ k, x: c.x - ((c.x - view.x) * k) / view.k, y: c.y - ((c.y - view.y) * k) / view.k });
  }

  function onKeyDown(e: KeyboardEvent<SVGSVGElement>) {
    if (e.altKey || e.ctrlKey || e.metaKey || points.length === 0) return;
    const direction = ARROWS[e.key];
    if (direction) {
      // the first arrow picks the tool nearest the middle of the view
      const next = hover < 0 ? nearestAnywhere(placed, (W / 2 - view.x) / view.k, (H / 2 - view.y) / view.k) : pointInDirection(placed, hover, direction);
      if (next >= 0) selectInView(next);
    } else if ((e.key === "Enter" || e.key === " ") && hover >= 0) open(hover);
    else if (e.key === "+" || e.key === "=") zoomBy(1.5);
    else if (e.key === "-") zoomBy(1 / 1.5);
    else if (e.key === "0") setView({ x: 0, y: 0, k: 1 });
    else if (e.key === "Escape") setHover(-1);
    else return;
    e.preventDefault();
  }

  const h = hover >= 0 ? points[hover] : null;
  return (
    <div className="relative" data-testid="tool-map">
      <svg
        ref={svg}
        viewBox={`0 0 ${W} ${H}`}
        className="h-auto w-full cursor-crosshair touch-none select-none rounded-md border border-slate-200 bg-white focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        onWheel={onWheel}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerLeave={(e) => e.pointerType === "mouse" && setHover(-1)}
        onKeyDown={onKeyDown}
        tabIndex={0}
        role="application"
        aria-roledescription="map"
        aria-label={`Map of ${points.length} tools coloured by category. Arrow keys move between tools, Enter opens the selected one, plus and minus zoom.`}
        data-testid="tool-map-canvas"
      >
        <g transform={`translate(${view.x} ${view.y}) scale(${view.k})`}>
          {paths.map((p) => (
            <path
              key={p.id || "none"}
              d={p.d}
              stroke={p.color}
              strokeWidth={5}
              strokeLinecap="round"
              strokeOpacity={0.75}
              vectorEffect="non-scaling-stroke"
              fill="none"
            />
          ))}
          {h && (
            <circle cx={placed[hover].x} cy={placed[hover].y} r={7 / view.k} fill="none" stroke="#0f172a" strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
          )}
        </g>
      </svg>
      <p className="mt-1 min-h-5 text-xs text-slate-700" aria-live="polite" data-testid="map-selection">
        {h ? (
          <>
            <Link href={`/tools/${h.id}`} className="font-mono text-indigo-700 underline" data-testid="map-selected-tool">
              {h.name}
            </Link>{" "}
            · {h.categoryId ? names.get(h.categoryId) : "no category"} · {h.quality} · {h.origin}
          </>
        ) : (
          <span className="text-slate-500">No tool selected.</span>
        )}
      </p>
      <div className="mt-1 flex flex-wrap justify-between gap-2 text-xs text-slate-500">
        <span>
          Wheel or + / − to zoom, drag to pan, click a point (tap twice on a touch screen) or press Enter on it to open its tool; arrow keys move between tools.
        </span>
        {view.k > 1 && (
          <button type="button" className="text-indigo-600 hover:underline" onClick={() => setView({ x: 0, y: 0, k: 1 })}>
            Reset view
          </button>
        )}
      </div>
    </div>
  );
}
