"use client";

import { useRouter } from "next/navigation";
import { useMemo, useRef, useState, type PointerEvent, type WheelEvent } from "react";
import type { MapPoint } from "@/lib/catalog/queries";
import { categoryColor, UNCATEGORIZED } from "./map-colors";
import { buildIndex, nearestPoint } from "./map-index";

const W = 1000;
const H = 620;
const PAD = 20;
const HIT_PX = 8;

type Category = { id: string; name: string };

/**
 * The tool map: one SVG path per category (so 20,000 points stay cheap to
 * draw), zoom with the wheel, pan by dragging, hover names a tool, a click
 * opens it. Points keep their size at any zoom (non-scaling strokes).
 */
export function ToolMap({ points, categories }: { points: MapPoint[]; categories: Category[] }) {
  const router = useRouter();
  const svg = useRef<SVGSVGElement>(null);
  const [view, setView] = useState({ x: 0, y: 0, k: 1 });
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
    const paths = [...segments.entries()].map(([id, parts]) => ({ id, d: parts.join(""), color: id && order.has(id) ? categoryColor(order.get(id)!) : UNCATEGORIZED }));
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

  function onPointerUp() {
    const d = drag.current;
    drag.current = null;
    if ((!d || !d.moved) && hover >= 0) router.push(`/tools/${points[hover].id}`);
  }

  const h = hover >= 0 ? points[hover] : null;
  return (
    <div className="relative" data-testid="tool-map">
      <svg
        ref={svg}
        viewBox={`0 0 ${W} ${H}`}
        className="h-auto w-full cursor-crosshair touch-none select-none rounded-md border border-slate-200 bg-white"
        onWheel={onWheel}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerLeave={() => setHover(-1)}
        role="img"
        aria-label={`Map of ${points.length} tools coloured by category`}
      >
        <g transform={`translate(${view.x} ${view.y}) scale(${view.k})`}>
          {paths.map((p) => (
            <path key={p.id || "none"} d={p.d} stroke={p.color} strokeWidth={5} strokeLinecap="round" strokeOpacity={0.75} vectorEffect="non-scaling-stroke" fill="none" />
          ))}
          {h && <circle cx={placed[hover].x} cy={placed[hover].y} r={7 / view.k} fill="none" stroke="#0f172a" strokeWidth={1.5} vectorEffect="non-scaling-stroke" />}
        </g>
      </svg>
      {h && (
        <div className="pointer-events-none absolute left-2 top-2 rounded-md bg-slate-900/90 px-2 py-1 text-xs text-white" data-testid="map-tooltip">
          <span className="font-mono">{h.name}</span> · {h.categoryId ? names.get(h.categoryId) : "no category"} · {h.quality} · {h.origin}
        </div>
      )}
      <div className="mt-1 flex justify-between text-xs text-slate-500">
        <span>Wheel to zoom, drag to pan, click a point to open its tool.</span>
        {view.k > 1 && (
          <button type="button" className="text-indigo-600 hover:underline" onClick={() => setView({ x: 0, y: 0, k: 1 })}>
            Reset view
          </button>
        )}
      </div>
    </div>
  );
}
