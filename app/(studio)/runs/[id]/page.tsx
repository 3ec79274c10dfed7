import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDuration, formatRate, formatUsd, RUN_STATUS_TONE } from "@/components/runs/format";
import { RefreshWhileRunning, RunPageControls } from "@/components/runs/run-page-controls";
import { RunItemsTable } from "@/components/runs/run-items-table";
import { RunOutputs } from "@/components/runs/run-outputs";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ProgressBar } from "@/components/ui/progress-bar";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { runHeading } from "@/lib/jobs/queries";
import { runDetail, runItemsQuerySchema } from "@/lib/jobs/run-detail";
import { stageTitle } from "@/lib/jobs/stage-titles";
import { DeleteOutputsForm } from "@/components/runs/delete-outputs-form";
import { planRunOutputDeletion, type DeletionRecord } from "@/lib/jobs/run-outputs-delete";
import { cancelRunAction, deleteRunOutputsAction, retryFailedItemsAction, setRunBudgetAction } from "../actions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Pick<Props, "params">) {
  const run = await runHeading(db(), (await params).id);
  return { title: run ? `${stageTitle(run.kind)} ${run.id.slice(-8)}` : "Run" };
}

const at = (iso: string | null) => (iso ? `${iso.slice(0, 19).replace("T", " ")} UTC` : "—");

export default async function RunPage({ params, searchParams }: Props) {
  const user = await requirePageUser();
  const { id } = await params;
  const query = runItemsQuerySchema.parse(await searchParams);
  const detail = await runDetail(db(), id, query);
  if (!detail) notFound();
  const run = detail.progress;
  const isAdmin = hasRole(user.role, "admin");
  const plan = isAdmin ? await planRunOutputDeletion(db(), id) : null;
  return (
    <>
      <RefreshWhileRunning status={run.status} />
      <PageHeader
        title={`${detail.title} ${run.id.slice(-8)}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone={RUN_STATUS_TONE[run.status]}>
              <span data-testid="run-status">{run.status}</span>
            </Badge>
            <span>
              started by {detail.createdBy ?? "the studio"} · <span className="font-mono">{run.id}</span> ·{" "}
              <Link href="/runs" className="text-indigo-700 underline">
                all runs
              </Link>
            </span>
          </span>
        }
        actions={
          isAdmin ? (
            <RunPageControls run={run} actions={{ cancel: cancelRunAction, retry: retryFailedItemsAction, setBudget: setRunBudgetAction }} />
          ) : undefined
        }
      />
      <div className="space-y-6">
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
          <Card title="Progress">
            <ProgressBar done={run.done} failed={run.failed} total={run.total} label={`progress of ${detail.title}`} />
            <p className="mt-2 text-sm text-slate-600" data-testid="run-counts">
              {run.done} done, {run.failed} failed of {run.total} · {run.percent}%{run.etaMs != null && ` · ${formatDuration(run.etaMs)} left`}
            </p>
            {run.pausedReason && <p className="mt-2 text-sm text-violet-700">{run.pausedReason}</p>}
            {run.message && (
              <p className="mt-2 whitespace-pre-wrap break-words text-sm text-slate-700" data-testid="run-message">
                {run.message}
              </p>
            )}
          </Card>
          <Card title="Timings">
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
              <dt className="text-slate-500">Created</dt>
              <dd>{at(detail.createdAt)}</dd>
              <dt className="text-slate-500">Started</dt>
              <dd>{at(detail.startedAt)}</dd>
              <dt className="text-slate-500">Finished</dt>
              <dd>{at(detail.finishedAt)}</dd>
              <dt className="text-slate-500">Elapsed</dt>
              <dd className="tabular-nums">{formatDuration(run.elapsedMs)}</dd>
              <dt className="text-slate-500">Rate</dt>
              <dd className="tabular-nums">{formatRate(run.rate)}</dd>
              <dt className="text-slate-500">Last heartbeat</dt>
              <dd>{at(detail.heartbeatAt)}</dd>
            </dl>
          </Card>
          <Card title="Tokens and cost">
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm tabular-nums" data-testid="run-spend">
              <dt className="text-slate-500">Prompt tokens</dt>
              <dd>{run.promptTokens.toLocaleString("en-US")}</dd>
              <dt className="text-slate-500">Completion tokens</dt>
              <dd>{run.completionTokens.toLocaleString("en-US")}</dd>
              <dt className="text-slate-500">Cost</dt>
              <dd>{formatUsd(run.costUsd)}</dd>
              <dt className="text-slate-500">Budget</dt>
              <dd>
                {[run.budgetUsd !== null && formatUsd(run.budgetUsd), run.budgetTokens !== null && `${run.budgetTokens.toLocaleString("en-US")} tokens`]
                  .filter(Boolean)
                  .join(" · ") || "none"}
              </dd>
            </dl>
            {detail.spend.length > 0 && (
              <table className="mt-3 w-full text-xs">
                <caption className="sr-only">Model calls by role</caption>
                <thead className="text-left text-slate-500">
                  <tr>
                    <th className="py-1 pr-2 font-medium">Role · model</th>
                    <th className="py-1 pr-2 text-right font-medium">Calls</th>
                    <th className="py-1 pr-2 text-right font-medium">Tokens</th>
                    <th className="py-1 text-right font-medium">Cost</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100 tabular-nums">
                  {detail.spend.map((s) => (
                    <tr key={`${s.role}/${s.model}`}>
                      <td className="py-1 pr-2 break-all">
                        {s.role} · {s.model}
                      </td>
                      <td className="py-1 pr-2 text-right">{s.calls}</td>
                      <td className="py-1 pr-2 text-right">{(s.promptTokens + s.completionTokens).toLocaleString("en-US")}</td>
                      <td className="py-1 text-right">{formatUsd(s.costUsd)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Card>
        </div>
        <Card title="What this run made">
          <RunOutputs outputs={detail.outputs} />
        </Card>
        {detail.related.length > 0 && (
          <Card title="Runs of the same demo">
            <ul className="flex flex-wrap gap-2 text-sm">
              {detail.related.map((r) => (
                <li key={r.id}>
                  <Link href={`/runs/${r.id}`} className="text-indigo-700 hover:underline">
                    {r.title}
                  </Link>{" "}
                  <Badge tone={RUN_STATUS_TONE[r.status]}>{r.status}</Badge>
                </li>
              ))}
            </ul>
          </Card>
        )}
        <Card title={`Items (${detail.itemCounts.done} done, ${detail.itemCounts.failed} failed, ${detail.itemCounts.pending} pending)`}>
          <RunItemsTable runId={run.id} items={detail.items} page={detail.page} pages={detail.pages} status={query.status} counts={detail.itemCounts} />
        </Card>
        {run.errors.length > 0 && (
          <Card title={`Errors recorded on the run (${run.errors.length})`}>
            <ul className="space-y-1 text-sm" data-testid="run-errors">
              {run.errors.map((e, i) => (
                <li key={i} className="break-words">
                  <span className="font-mono text-xs text-slate-500">{e.key}</span> <span className="text-rose-700">{e.message}</span>
                </li>
              ))}
            </ul>
          </Card>
        )}
        {plan && (detail.outputs.length > 0 || detail.outputsDeleted.length > 0) && (
          <Card title="Delete this run's outputs">
            <DeleteOutputsForm plan={plan} history={detail.outputsDeleted as DeletionRecord[]} remove={deleteRunOutputsAction} />
          </Card>
        )}
        <Card title="Configuration">
          <pre
            tabIndex={0}
            role="region"
            aria-label="Run configuration"
            className="max-h-96 overflow-auto rounded bg-slate-50 p-3 text-xs text-slate-800"
            data-testid="run-config"
          >
            {JSON.stringify(detail.config, null, 2)}
          </pre>
        </Card>
      </div>
    </>
  );
}
