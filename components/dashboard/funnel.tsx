import Link from "next/link";
import { percent } from "@/components/judge/format";
import type { Conversion, FunnelStep } from "@/lib/dashboard";

const BAR: Record<string, string> = {
  tools: "bg-slate-400",
  agents: "bg-slate-500",
  tasks: "bg-indigo-400",
  trajectories: "bg-indigo-500",
  judged: "bg-sky-500",
  accepted: "bg-emerald-500",
  reviewed: "bg-violet-500",
};

/** "2.5 per task" for a fan-out, "87% of judged" for a share. */
export function conversionText(c: Conversion): string {
  if (c.ratio === null) return `— (no ${c.kind === "per" ? `${c.of}s` : c.of})`;
  if (c.kind === "share") return `${percent(c.ratio, c.ratio < 0.1 && c.ratio > 0 ? 1 : 0)} of ${c.of}`;
  return `${c.ratio >= 10 ? Math.round(c.ratio).toLocaleString("en") : c.ratio.toFixed(1)} per ${c.of}`;
}

/**
 * The funnel as horizontal bars, widths proportional to the largest count,
 * with how each step follows from the one before.
 */
export function Funnel({ steps }: { steps: FunnelStep[] }) {
  const max = Math.max(1, ...steps.map((s) => s.count));
  return (
    <div>
      <ol className="space-y-1.5" aria-label="Funnel from tools to reviewed trajectories" data-testid="funnel">
        {steps.map((s) => {
          const width = s.count === 0 ? 0 : Math.max(1.5, (s.count / max) * 100);
          return (
            <li key={s.key} className="grid grid-cols-[7rem_1fr_11rem] items-center gap-3" data-testid={`funnel-${s.key}`} data-count={s.count}>
              <Link
                href={s.href}
                className="rounded text-sm font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500"
                title={s.meaning}
              >
                {s.label}
              </Link>
              <div className="flex h-6 items-center gap-2" title={`${s.label}: ${s.meaning}`}>
                <div className={`h-full rounded-sm ${BAR[s.key] ?? "bg-indigo-500"}`} style={{ width: `${width}%` }} aria-hidden="true" />
                <span className="shrink-0 text-sm font-semibold tabular-nums text-slate-900" data-testid={`funnel-count-${s.key}`}>
                  {s.count.toLocaleString("en")}
                </span>
              </div>
              <span className="text-xs tabular-nums text-slate-500" data-testid={`funnel-conversion-${s.key}`}>
                {s.conversion ? conversionText(s.conversion) : s.meaning}
              </span>
            </li>
          );
        })}
      </ol>
      <p className="mt-3 text-xs text-slate-500">
        From tools to trajectories each step fans out (how many per item of the step before); from trajectories on each step is a share of the one before:
        judged, then those of them whose effective verdict is accepted, then those of them a person has reviewed and agreed with.
      </p>
    </div>
  );
}
