"use client";

import Link from "next/link";
import { runHref } from "@/components/runs/run-href";
import { isEnded } from "@/lib/jobs/run-status";
import { ForkState } from "./lineage-panel";
import { useLineage } from "./use-lineage";

/** After Fork: the new trajectory as soon as its run has made it, then its verdict once judged. */
export function ForkProgress({ trajectoryId, runId }: { trajectoryId: string; runId: string }) {
  const { data } = useLineage(trajectoryId);
  const fork = data?.forks.find((f) => f.runId === runId);
  const run = data?.runs.find((r) => r.id === runId);
  if (fork)
    return (
      <span className="flex flex-wrap items-center gap-1.5 text-sm text-emerald-800" role="status" data-testid="simulation-started">
        Fork{" "}
        <Link href={`/trajectories/${fork.id}`} className="font-mono underline" data-testid="new-fork-link">
          {fork.id.slice(-8)}
        </Link>
        <ForkState fork={fork} />
      </span>
    );
  const ended = run && isEnded(run.status);
  return (
    <span className={`text-sm ${ended ? "text-rose-700" : "text-emerald-800"}`} role="status" data-testid="simulation-started">
      {ended ? `The fork run ended (${run.status}) before it made a fork: see ` : "Started: simulating the fork… "}
      <Link href={runHref(runId)} className="underline">
        its run
      </Link>
      {ended ? "." : ""}
    </span>
  );
}
