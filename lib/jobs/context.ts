import type { Db, Run } from "../db/client";
import { isTransientDbError } from "../db/errors";
import { errorMessage, LlmRequestError } from "../llm/errors";
import { waitUntilEndpointAnswers, type ProbeBackoff } from "../llm/probe";
import { createItemLedger, MAX_ERRORS } from "./item-ledger";
import type { StageContext } from "./types";

export class RunCancelled extends Error {
  constructor() {
    super("run cancelled");
  }
}

/**
 * While the run's endpoint is down: marks the run paused with the reason,
 * probes the endpoint with backoff, and marks it running again once it
 * answers. Items that meet the same outage wait on the same pause.
 */
function createEndpointPause(db: Db, runId: string, signal: AbortSignal, backoff?: Partial<ProbeBackoff>) {
  let current: Promise<void> | null = null;
  return {
    /** Resolves when no pause is under way. */
    async idle() {
      while (current) await current;
    },
    async wait(e: LlmRequestError) {
      current ??= (async () => {
        const reason = `waiting for the ${e.role} endpoint ${e.endpoint}: ${errorMessage(e)}`;
        await db.run.updateMany({ where: { id: runId, status: "running" }, data: { status: "paused", pausedReason: reason } });
        await waitUntilEndpointAnswers(e.endpoint, signal, backoff);
        await db.run.updateMany({ where: { id: runId, status: "paused" }, data: { status: "running", pausedReason: null } });
      })().finally(() => (current = null));
      await current;
    },
  };
}

/** `admit` is asked before an item starts and throws to start none (see lib/jobs/budget.ts). */
export function createStageContext(
  db: Db,
  run: Run,
  signal: AbortSignal,
  opts: { probe?: Partial<ProbeBackoff>; admit?: () => Promise<void> } = {},
): StageContext {
  const items = createItemLedger(db, run.id);
  const pause = createEndpointPause(db, run.id, signal, opts.probe);
  const advance = async (done: number, failed = 0) => {
    await db.run.update({
      where: { id: run.id },
      data: { done: { increment: done }, failed: { increment: failed } },
    });
  };
  const recordError = async (key: string, message: string) => {
    // jsonb append done in SQL so concurrent items never overwrite each other.
    await db.$executeRaw`update "Run" set errors = (
        select coalesce(jsonb_agg(e), '[]'::jsonb) from (
          select e from jsonb_array_elements(errors || ${JSON.stringify([{ key, message, at: new Date().toISOString() }])}::jsonb) e
          offset greatest(jsonb_array_length(errors) + 1 - ${MAX_ERRORS}, 0)
        ) s)
      where id = ${run.id}`;
  };
  return {
    db,
    run,
    signal,
    advance,
    recordError,
    async setTotal(total) {
      await db.run.update({ where: { id: run.id }, data: { total } });
    },
    async log(message) {
      await db.run.update({ where: { id: run.id }, data: { message } });
    },
    async item(key, work) {
      if (signal.aborted) throw new RunCancelled();
      const before = await items.state(key);
      if (before?.status === "done") return before.resultId;
      // past a budget: no new work; the item stays unstarted or pending, for when the run resumes
      await opts.admit?.();
      if (!before) await items.start(key);
      let resultId: string | null;
      for (;;) {
        try {
          await pause.idle();
          resultId = (await work()) ?? null;
          break;
        } catch (e) {
          if (signal.aborted) throw new RunCancelled();
          if (isTransientDbError(e)) throw e; // the job is retried and this item with it
          // The endpoint is down, not the item wrong: the run pauses, and the item starts over once it answers.
          if (e instanceof LlmRequestError && e.unreachable) {
            await pause.wait(e).catch((waitError: unknown) => {
              throw signal.aborted ? new RunCancelled() : waitError;
            });
            continue;
          }
          await items.settle({ key, status: "failed", resultId: null, error: errorMessage(e) });
          return null;
        }
      }
      await items.settle({ key, status: "done", resultId, error: null });
      return resultId;
    },
  };
}
