import type { PgBoss } from "pg-boss";
import type { Db } from "../db/client";
import { isTransientDbError } from "../db/errors";
import type { ProbeBackoff } from "../llm/probe";
import { BudgetReached, createBudgetGuard, parkRun, resumeParkedRunsEvery } from "./budget";
import { createStageContext, RunCancelled } from "./context";
import { STAGE_QUEUE, type StageJob } from "./queue";
import { getStage, type StageRegistry } from "./registry";
import { isEnded, outcome } from "./run-status";

const CANCEL_POLL_MS = 500;
/** How often the worker writes the run's heartbeat (see cancelRun). */
export const HEARTBEAT_MS = 5_000;

/**
 * Runs one queued run to its end. A run that was already running (its worker
 * died) resumes: the stage's items that were done are skipped. It ends
 * succeeded, partial or failed by its items (see outcome), or cancelled.
 */
export async function executeRun(db: Db, runId: string, opts: { stages: StageRegistry; probe?: Partial<ProbeBackoff> }): Promise<void> {
  const run = await db.run.findUnique({ where: { id: runId } });
  if (!run || isEnded(run.status)) return;
  if (run.cancelRequested) {
    await db.run.update({ where: { id: runId }, data: { status: "cancelled", pausedReason: null, finishedAt: new Date() } });
    return;
  }
  const stage = getStage(opts.stages, run.kind);
  const started = await db.run.update({
    where: { id: run.id },
    data: { status: "running", pausedReason: null, heartbeatAt: new Date(), startedAt: run.startedAt ?? new Date() },
  });
  const controller = new AbortController();
  let lastBeat = Date.now();
  // a park must not be followed by a heartbeat written by a look already under way
  let looking: Promise<unknown> = Promise.resolve();
  const poll = setInterval(() => (looking = look()), CANCEL_POLL_MS);
  const look = async () => {
    const beat = Date.now() - lastBeat >= HEARTBEAT_MS;
    const row = await (
      beat
        ? db.run.update({ where: { id: runId }, data: { heartbeatAt: new Date() }, select: { cancelRequested: true, status: true } })
        : db.run.findUnique({ where: { id: runId }, select: { cancelRequested: true, status: true } })
    ).catch(() => null);
    if (beat && row) lastBeat = Date.now();
    // cancelled by cancelRun while this worker looked gone: stop too
    if (row?.cancelRequested || row?.status === "cancelled") controller.abort(new RunCancelled());
  };
  // Only a run this worker still owns (running or paused) is given its end.
  const end = (data: { status: "succeeded" | "partial" | "failed" | "cancelled"; message?: string | null }) =>
    db.run.updateMany({
      where: { id: runId, status: { in: ["running", "paused"] } },
      data: { ...data, ...(data.message === null ? { message: undefined } : {}), pausedReason: null, finishedAt: new Date() },
    });
  const budget = createBudgetGuard(db, runId);
  try {
    const config = stage.config.parse(run.config);
    await stage.run(createStageContext(db, started, controller.signal, { ...opts, admit: budget.admit }), config);
    if (controller.signal.aborted) {
      await end({ status: "cancelled" });
      return;
    }
    const counted = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { done: true, failed: true } });
    await end(outcome(counted));
  } catch (e) {
    if (controller.signal.aborted || e instanceof RunCancelled) {
      await end({ status: "cancelled" });
      return;
    }
    // At a budget: the items in progress have finished; the run waits, parked, for a higher cap or a new day.
    if (e instanceof BudgetReached) {
      clearInterval(poll);
      await looking;
      // the reason as it stands now that the items in progress have spent too
      await parkRun(db, runId, (await budget.reason().catch(() => null)) ?? e.message);
      return;
    }
    // Lost the database: leave the run running; pg-boss retries the job and it resumes.
    if (isTransientDbError(e)) throw e;
    const message = e instanceof Error ? e.message : String(e);
    await end({ status: "failed", message });
  } finally {
    clearInterval(poll);
  }
}

export async function startWorker(db: Db, boss: PgBoss, concurrency: number, stages: StageRegistry): Promise<string> {
  resumeParkedRunsEvery(db, boss);
  return boss.work<StageJob>(STAGE_QUEUE, { localConcurrency: concurrency, batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
    if (job) await executeRun(db, job.data.runId, { stages });
  });
}
