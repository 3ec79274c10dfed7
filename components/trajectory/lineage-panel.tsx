"use client";

import Link from "next/link";
import { VerdictBadge } from "@/components/review/verdict-badge";
import { isEnded } from "@/lib/jobs/run-status";
import type { Lineage, LineageFork } from "@/lib/review/lineage-view";
import { stepNumber } from "@/lib/trajectory/step-number";
import { useLineage } from "./use-lineage";

/** Where a fork stands: simulated and judged inside its run, then its verdict. */
export function ForkState({ fork }: { fork: LineageFork }) {
  if (fork.runStatus !== null && !isEnded(fork.runStatus))
    return (
      <span className="text-xs text-amber-800" data-testid="fork-state" data-state="running">
        simulating and judging…
      </span>
    );
  return (
    <span data-testid="fork-state" data-state="ended">
      <VerdictBadge verdict={fork.effectiveVerdict} empty="not judged" />
    </span>
  );
}

/** The trajectory's parent and forks, kept current while a fork is on its way (no reload needed). */
export function LineagePanel({ initial }: { initial: Lineage }) {
  const { data } = useLineage(initial.id, initial);
  const { id, parent, forks, forkedAtStep } = data ?? initial;
  const episodes = (
    <Link href={`/trajectories/compare?a=${id}`} className="text-indigo-600 hover:underline" data-testid="compare-episodes">
      Compare with another episode of its task
    </Link>
  );
  if (!parent && forks.length === 0) return <p className="text-sm text-slate-500">Neither forked nor forked from. {episodes}</p>;
  return (
    <div className="space-y-2 text-sm" data-testid="lineage">
      {parent && (
        <p>
          Forked from{" "}
          <Link href={`/trajectories/${parent.id}?step=${forkedAtStep ?? 0}`} className="font-mono text-indigo-600 hover:underline" data-testid="parent-link">
            {parent.id.slice(-8)}
          </Link>{" "}
          at step {forkedAtStep === null ? "?" : stepNumber(forkedAtStep)} ·{" "}
          <Link href={`/trajectories/compare?a=${parent.id}&b=${id}`} className="text-indigo-600 hover:underline">
            compare
          </Link>
        </p>
      )}
      {forks.length > 0 && (
        <ul className="space-y-1">
          {forks.map((f) => (
            <li key={f.id} className="flex flex-wrap items-center gap-2" data-testid="fork" data-id={f.id}>
              <Link href={`/trajectories/${f.id}`} className="font-mono text-indigo-600 hover:underline">
                {f.id.slice(-8)}
              </Link>
              <span className="text-xs text-slate-500">
                from step {f.forkedAtStep === null ? "?" : stepNumber(f.forkedAtStep)} · {f.protocol} · seed {f.seed}
                {f.model && ` · ${f.model}`}
              </span>
              <ForkState fork={f} />
              <Link href={`/trajectories/compare?a=${id}&b=${f.id}`} className="text-xs text-indigo-600 hover:underline">
                compare
              </Link>
            </li>
          ))}
        </ul>
      )}
      <p>{episodes}</p>
    </div>
  );
}
