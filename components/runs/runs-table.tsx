"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import type { RunProgress } from "@/lib/jobs/progress";
import { isEnded } from "@/lib/jobs/run-status";
import { stageTitle } from "@/lib/jobs/stage-titles";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { ProgressBar } from "@/components/ui/progress-bar";
import { RunControls, useRunControls, type RunActions } from "./run-controls";
import { formatDuration, formatRate, formatUsd, RUN_STATUS_TONE } from "./format";
import { runAnchor } from "./run-href";

export function RunsTable({ initial, canManage, actions }: { initial: RunProgress[]; canManage: boolean; actions: RunActions }) {
  const client = useQueryClient();
  const { data } = useQuery({
    queryKey: ["runs"],
    queryFn: async (): Promise<RunProgress[]> => {
      const res = await fetch("/api/runs", { cache: "no-store" });
      if (!res.ok) throw new Error(`Could not load runs (${res.status})`);
      return (await res.json()).runs;
    },
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.some((r) => !isEnded(r.status)) ? 1000 : 5000),
  });
  const controls = useRunControls(actions, () => client.invalidateQueries({ queryKey: ["runs"] }));

  if (data.length === 0) return <EmptyState title="No runs yet" stage="any pipeline" />;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white" tabIndex={0} role="region" aria-label="Runs">
      {controls.error && <p className="px-4 py-2 text-sm text-rose-700">{controls.error}</p>}
      <table className="w-full text-sm">
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-4 py-2">Run</th>
            <th className="px-4 py-2">Status</th>
            <th className="w-64 px-4 py-2">Progress</th>
            <th className="px-4 py-2">Rate</th>
            <th className="px-4 py-2">Elapsed</th>
            <th className="px-4 py-2">Errors</th>
            <th className="px-4 py-2">Tokens / cost</th>
            <th className="px-4 py-2" />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {data.map((run) => (
            <tr key={run.id} id={runAnchor(run.id)} className="target:bg-indigo-50" data-testid="run-row" data-status={run.status} data-percent={run.percent}>
              <td className="px-4 py-2">
                <Link href={`/runs/${run.id}`} className="font-medium text-indigo-700 hover:underline" data-testid="run-link">
                  {stageTitle(run.kind)}
                </Link>
                <div className="font-mono text-xs text-slate-500">{run.id.slice(-8)}</div>
              </td>
              <td className="px-4 py-2">
                <Badge tone={RUN_STATUS_TONE[run.status]}>{run.status}</Badge>
                {run.pausedReason && (
                  <div className="mt-1 max-w-xs text-xs text-violet-700" data-testid="paused-reason">
                    {run.pausedReason}
                  </div>
                )}
                {run.message && (
                  <div className="mt-1 max-w-xs whitespace-pre-wrap break-words text-xs text-slate-500" data-testid="run-message">
                    {run.message}
                  </div>
                )}
              </td>
              <td className="px-4 py-2">
                <ProgressBar done={run.done} failed={run.failed} total={run.total} label={`progress of ${stageTitle(run.kind)}`} />
                <div className="mt-1 text-xs text-slate-500">
                  {run.done + run.failed} / {run.total} · {run.percent}%{run.etaMs != null && ` · ${formatDuration(run.etaMs)} left`}
                </div>
              </td>
              <td className="px-4 py-2 tabular-nums">{formatRate(run.rate)}</td>
              <td className="px-4 py-2 tabular-nums">{formatDuration(run.elapsedMs)}</td>
              <td className="px-4 py-2">
                {run.failed > 0 || run.errors.length > 0 ? (
                  <details>
                    <summary className={`cursor-pointer ${run.failed > 0 ? "text-rose-700" : "text-amber-700"}`} data-testid="run-errors-summary">
                      {run.failed > 0 ? `${run.failed} failed` : `${run.errors.length} ${run.errors.length === 1 ? "error" : "errors"} recorded`}
                    </summary>
                    <ul className="mt-1 max-h-40 max-w-sm overflow-auto text-xs text-slate-600">
                      {run.errors.slice(-10).map((e, i) => (
                        <li key={i}>
                          <span className="font-mono">{e.key}</span>: {e.message}
                        </li>
                      ))}
                    </ul>
                  </details>
                ) : (
                  <span className="text-slate-500">0</span>
                )}
              </td>
              <td className="px-4 py-2 text-xs tabular-nums text-slate-600">
                {(run.promptTokens + run.completionTokens).toLocaleString()} · {formatUsd(run.costUsd)}
                {(run.budgetUsd !== null || run.budgetTokens !== null) && (
                  <div className="text-slate-500" data-testid="run-budget">
                    cap{" "}
                    {[run.budgetUsd !== null && formatUsd(run.budgetUsd), run.budgetTokens !== null && `${run.budgetTokens.toLocaleString()} tokens`]
                      .filter(Boolean)
                      .join(" · ")}
                  </div>
                )}
              </td>
              <td className="px-4 py-2 text-right">{canManage && <RunControls run={run} controls={controls} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
