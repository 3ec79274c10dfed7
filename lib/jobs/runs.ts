import type { PgBoss } from "pg-boss";
import type { Db, Prisma, RunKind } from "../db/client";
import { STAGE_QUEUE, type StageJob } from "./queue";
import { getStage } from "./registry";

export type StartRunResult = { ok: true; runId: string } | { ok: false; error: string };

/** Validates the config against the stage's schema, records the run and queues it. */
export async function startRun(
  db: Db,
  boss: PgBoss,
  input: { kind: RunKind; config?: unknown; userId?: string | null },
): Promise<StartRunResult> {
  const stage = getStage(input.kind);
  const parsed = stage.config.safeParse(input.config ?? {});
  if (!parsed.success) {
    return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join(".") || "config"}: ${i.message}`).join("; ") };
  }
  const run = await db.run.create({
    data: { kind: input.kind, config: parsed.data as Prisma.InputJsonValue, createdById: input.userId ?? null },
  });
  await boss.send(STAGE_QUEUE, { runId: run.id } satisfies StageJob, { singletonKey: run.id });
  return { ok: true, runId: run.id };
}

/** Asks a run to stop. A queued run stops at once; a running one at its next step. */
export async function cancelRun(db: Db, runId: string): Promise<boolean> {
  const queued = await db.run.updateMany({
    where: { id: runId, status: "queued" },
    data: { status: "cancelled", cancelRequested: true, finishedAt: new Date() },
  });
  if (queued.count) return true;
  const running = await db.run.updateMany({ where: { id: runId, status: "running" }, data: { cancelRequested: true } });
  return running.count > 0;
}

export type RetryResult = { ok: true; items: number } | { ok: false; error: string };

/**
 * Sends a finished run with failed items back to the queue. The stage runs
 * again: items already done are skipped, failed ones are tried once more and
 * the counters move from failed to done as they succeed (see ctx.item). The
 * errors of the retried items leave the run's error list; they come back if
 * the items fail again.
 */
export async function retryFailedItems(db: Db, boss: PgBoss, runId: string): Promise<RetryResult> {
  const failed = await db.runItem.findMany({ where: { runId, status: "failed" }, select: { key: true } });
  if (failed.length === 0) return { ok: false, error: "This run has no failed items to retry" };
  const keys = failed.map((i) => i.key);
  // one statement: two people pressing Retry at once queue the run once
  const reopened = await db.$executeRaw`update "Run" set
      status = 'queued', "finishedAt" = null, "cancelRequested" = false, message = null, "updatedAt" = now(),
      errors = coalesce((select jsonb_agg(e) from jsonb_array_elements(errors) e where not (e->>'key' = any(${keys}::text[]))), '[]'::jsonb)
    where id = ${runId} and status in ('succeeded', 'failed')`; // canRetry's statuses
  if (reopened === 0) {
    const run = await db.run.findUnique({ where: { id: runId }, select: { status: true } });
    if (!run) return { ok: false, error: "No such run" };
    return { ok: false, error: run.status === "cancelled" ? "A cancelled run cannot be retried" : `A ${run.status} run cannot be retried: wait until it has ended` };
  }
  await boss.send(STAGE_QUEUE, { runId } satisfies StageJob, { singletonKey: runId });
  return { ok: true, items: failed.length };
}

