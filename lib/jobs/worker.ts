import type { PgBoss } from "pg-boss";
import type { Db } from "../db/client";
import { isTransientDbError } from "../db/errors";
import { createStageContext, RunCancelled } from "./context";
import { STAGE_QUEUE, type StageJob } from "./queue";
import { getStage } from "./registry";

const CANCEL_POLL_MS = 500;

/**
 * Runs one queued run to its end. A run that was already running (its worker
 * died) resumes: the stage's items that were done are skipped.
 */
export async function executeRun(db: Db, runId: string): Promise<void> {
  const run = await db.run.findUnique({ where: { id: runId } });
  if (!run || run.status === "succeeded" || run.status === "failed" || run.status === "cancelled") return;
  const stage = getStage(run.kind);
  const started = await db.run.update({
    where: { id: run.id },
    data: { status: "running", startedAt: run.startedAt ?? new Date() },
  });
  const controller = new AbortController();
  const poll = setInterval(async () => {
    const row = await db.run.findUnique({ where: { id: runId }, select: { cancelRequested: true } }).catch(() => null);
    if (row?.cancelRequested) controller.abort(new RunCancelled());
  }, CANCEL_POLL_MS);
  try {
    const config = stage.config.parse(run.config);
    await stage.run(createStageContext(db, started, controller.signal), config);
    const status = controller.signal.aborted ? "cancelled" : "succeeded";
    await db.run.update({ where: { id: runId }, data: { status, finishedAt: new Date() } });
  } catch (e) {
    if (controller.signal.aborted || e instanceof RunCancelled) {
      await db.run.update({ where: { id: runId }, data: { status: "cancelled", finishedAt: new Date() } });
      return;
    }
    // Lost the database: leave the run running; pg-boss retries the job and it resumes.
    if (isTransientDbError(e)) throw e;
    const message = e instanceof Error ? e.message : String(e);
    await db.run.update({ where: { id: runId }, data: { status: "failed", message, finishedAt: new Date() } });
  } finally {
    clearInterval(poll);
  }
}

export async function startWorker(db: Db, boss: PgBoss, concurrency: number): Promise<string> {
  return boss.work<StageJob>(
    STAGE_QUEUE,
    { localConcurrency: concurrency, batchSize: 1, pollingIntervalSeconds: 0.5 },
    async ([job]) => {
      if (job) await executeRun(db, job.data.runId);
    },
  );
}
