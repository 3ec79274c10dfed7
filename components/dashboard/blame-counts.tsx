import Link from "next/link";
import { BLAME_LABELS, BLAMES, type BlameName } from "@/lib/judge/blames";
import { listFilterQuery } from "@/lib/review/filter";

const BAR: Record<BlameName, string> = {
  agent: "bg-rose-500",
  user_simulator: "bg-amber-500",
  tool_simulator: "bg-orange-500",
  task: "bg-violet-500",
  infrastructure: "bg-slate-500",
};

/** Who failed, per the latest judgement of each rejected trajectory: a bar per party, each a link to its trajectories. */
export function BlameCounts({ counts }: { counts: Record<BlameName, number> }) {
  const total = BLAMES.reduce((s, b) => s + counts[b], 0);
  if (total === 0) return <p className="text-sm text-slate-500">No judged trajectory has failed yet.</p>;
  const max = Math.max(...BLAMES.map((b) => counts[b]));
  return (
    <div className="space-y-2">
      <ul className="space-y-1.5" aria-label="Failed trajectories by who failed" data-testid="blame-counts">
        {BLAMES.map((b) => (
          <li key={b} className="grid grid-cols-[9rem_1fr] items-center gap-3" data-testid={`blame-${b}`} data-count={counts[b]}>
            <Link href={`/trajectories?${listFilterQuery({ blame: b })}`} className="text-sm text-indigo-700 hover:underline">
              {BLAME_LABELS[b]}
            </Link>
            <div className="flex h-5 items-center gap-2">
              <div
                className={`h-full rounded-sm ${BAR[b]}`}
                style={{ width: `${counts[b] === 0 ? 0 : Math.max(2, (counts[b] / max) * 100)}%` }}
                aria-hidden="true"
              />
              <span className="shrink-0 text-sm font-semibold tabular-nums text-slate-900">{counts[b].toLocaleString("en")}</span>
            </div>
          </li>
        ))}
      </ul>
      <p className="text-xs text-slate-500">
        {total.toLocaleString("en")} failed trajectories. The infrastructure&apos;s failures are left out of datasets, pass^k and judge–human agreement.
      </p>
    </div>
  );
}
