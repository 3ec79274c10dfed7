import type { PgBoss } from "pg-boss";
import type { Result } from "../actions/result";
import type { Db, Prisma, RunKind } from "../db/client";
import { runBudgetSchema, type RunBudget } from "./budget-schema";
import { STAGE_QUEUE, type StageJob } from "./queue";
import { canRetry } from "./progress";
import { isEnded } from "./run-status";
import { stageConfigs } from "./stage-configs";

/** What starting a run gives: its id to follow, or why it was not started. */
export type StartRunResult = Result<{ runId: string }>;
/** What a button that may start a run says: its message, and the run to follow when it started one. */
export type StageActionResult = Result<{ runId?: string }>;

/** Validates the config against the stage's schema, records the run with its budget (see lib/jobs/budget.ts) and queues it. */
export async function startRun(
  db: Db,
  boss: PgBoss,
  /** `budget` is validated here (runBudgetSchema): a start form passes what was typed. */
  input: { kind: RunKind; config?: unknown; userId?: string | null; budget?: RunBudget | Record<string, unknown> },
): Promise<StartRunResult> {
  const parsed = stageConfigs[input.kind].safeParse(input.config ?? {});
  if (!parsed.success) {
    return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join(".") || "config"}: ${i.message}`).join("; ") };
  }
  const budget = runBudgetSchema.safeParse(input.budget ?? {});
  if (!budget.success) return { ok: false, error: budget.error.issues.map((i) => `budget.${i.path.join(".")}: ${i.message}`).join("; ") };
  const run = await db.run.create({
    data: {
      kind: input.kind,
      config: parsed.data as Prisma.InputJsonValue,
      createdById: input.userId ?? null,
      budgetUsd: budget.data.usd ?? null,
      budgetTokens: budget.data.tokens ?? null,
    },
  });
  await boss.send(STAGE_QUEUE, { runId: run.id } satisfies StageJob, { singletonKey: run.id });
  return { ok: true, runId: run.id };
}

/** A run whose heartbeat is older than this has no worker (it died, or the CLI that worked it was stopped). */
export const WORKER_GONE_MS = 30_000;

/**
 * Stops a run. A queued run, or one no worker is working (its heartbeat is
 * stale), ends cancelled at once; a running or paused one stops within a
 * second, at the worker's next look (see executeRun). False when it has ended.
 */
export async function cancelRun(db: Db, runId: string, now = new Date()): Promise<boolean> {
  const stale = new Date(now.getTime() - WORKER_GONE_MS);
  const ended = await db.run.updateMany({
    where: {
      id: runId,
      OR: [{ status: "queued" }, { status: { in: ["running", "paused"] }, OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: stale } }] }],
    },
    data: { status: "cancelled", cancelRequested: true, pausedReason: null, finishedAt: now },
  });
  if (ended.count) return true;
  const running = await db.run.updateMany({ where: { id: runId, status: { in: ["running", "paused"] } }, data: { cancelRequested: true } });
  return running.count > 0;
}

export type RetryResult = Result<{ items: number }>;

/**
 * Sends an ended run back to the queue: one with failed items (partial or
 * failed), or a cancelled one. The stage runs again: items already done are
 * skipped, failed and unfinished ones are tried once more, and the counters
 * move from failed to done as they succeed (see ctx.item). The errors of the
 * retried items leave the run's error list; they come back if they fail again.
 */
export async function retryFailedItems(db: Db, boss: PgBoss, runId: string): Promise<RetryResult> {
  const reopened = await reopenRun(db, runId);
  if (reopened.ok) await boss.send(STAGE_QUEUE, { runId } satisfies StageJob, { singletonKey: runId });
  return reopened;
}

/** Sets an ended run back to queued for its failed and unfinished items (see retryFailedItems), without queueing a job. */
export async function reopenRun(db: Db, runId: string): Promise<RetryResult> {
  const run = await db.run.findUnique({ where: { id: runId }, select: { status: true, kind: true, failed: true } });
  if (!run) return { ok: false, error: "No such run" };
  if (!canRetry(run)) {
    if (!isEnded(run.status)) return { ok: false, error: `A ${run.status} run cannot be retried: wait until it has ended` };
    return {
      ok: false,
      error: run.failed === 0 && run.status !== "cancelled" ? "This run has no failed items to retry" : `A ${run.kind} run cannot be retried`,
    };
  }
  const failed = await db.runItem.findMany({ where: { runId, status: { in: ["failed", "pending"] } }, select: { key: true } });
  const keys = failed.map((i) => i.key);
  // one statement: two people pressing Retry at once queue the run once
  const reopened = await db.$executeRaw`update "Run" set
      status = 'queued', "finishedAt" = null, "cancelRequested" = false, "pausedReason" = null, message = null, "updatedAt" = now(),
      errors = coalesce((select jsonb_agg(e) from jsonb_array_elements(errors) e where not (e->>'key' = any(${keys}::text[]))), '[]'::jsonb)
    where id = ${runId} and status = ${run.status}::"RunStatus"`;
  if (reopened === 0) return { ok: false, error: "This run cannot be retried now: it was queued again meanwhile" };
  return { ok: true, items: failed.length };
}
