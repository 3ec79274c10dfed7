"use client";

import { Button } from "@/components/ui/button";
import { stepNumber } from "@/lib/trajectory/step-number";

export const SPEEDS = [0.5, 1, 2, 4, 8] as const;

type Jump = { label: string; shortcut: string; disabled: boolean; onClick: () => void };

/** Play / pause, speed, the scrubber and the jump buttons above the steps. */
export function ReplayControls({
  count,
  current,
  playing,
  speed,
  onPlayToggle,
  onSpeed,
  onSelect,
  jumps,
}: {
  count: number;
  current: number;
  playing: boolean;
  speed: number;
  onPlayToggle: () => void;
  onSpeed: (speed: number) => void;
  onSelect: (index: number) => void;
  jumps: Jump[];
}) {
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="replay-controls">
      <Button variant="secondary" onClick={() => onSelect(current - 1)} disabled={current <= 0} aria-label="Previous step (k)" title="Previous step (k, ↑)">
        ←
      </Button>
      {/* one width for Play, Pause and Replay, so the controls do not move when the label changes */}
      <Button onClick={onPlayToggle} aria-pressed={playing} title="Play or pause the replay (p)" data-testid="play" className="w-20 justify-center">
        {playing ? "Pause" : current >= count - 1 ? "Replay" : "Play"}
      </Button>
      <Button variant="secondary" onClick={() => onSelect(current + 1)} disabled={current >= count - 1} aria-label="Next step (j)" title="Next step (j, ↓)">
        →
      </Button>
      <label className="flex items-center gap-1 text-xs text-slate-500">
        Speed
        <select
          value={speed}
          onChange={(e) => onSpeed(Number(e.target.value))}
          className="rounded border border-slate-300 px-1 py-0.5 text-xs"
          aria-label="Replay speed (steps per second)"
        >
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s} step{s === 1 ? "" : "s"}/s
            </option>
          ))}
        </select>
      </label>
      <label className="flex min-w-40 flex-1 items-center gap-2 text-xs text-slate-500">
        {/* as wide as the widest "Step N of N", so moving never reflows the controls */}
        <span className="whitespace-nowrap text-right tabular-nums" data-testid="step-position" style={{ minWidth: `${8 + 2 * String(count).length}ch` }}>
          Step {stepNumber(current)} of {count}
        </span>
        <input
          type="range"
          min={0}
          max={Math.max(0, count - 1)}
          value={current}
          onChange={(e) => onSelect(Number(e.target.value))}
          className="w-full accent-indigo-600"
          aria-label="Scrub through the steps"
        />
      </label>
      <span className="flex flex-wrap gap-1">
        {jumps.map((j) => (
          <Button
            key={j.shortcut}
            variant="secondary"
            className="px-2 text-xs"
            onClick={j.onClick}
            disabled={j.disabled}
            title={`${j.label} (${j.shortcut}; shift+${j.shortcut} goes back)`}
          >
            {j.label} <kbd className="rounded bg-slate-100 px-1 font-mono text-[10px] text-slate-500">{j.shortcut}</kbd>
          </Button>
        ))}
      </span>
    </div>
  );
}
