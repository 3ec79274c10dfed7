import type { Db, Prisma, Run } from "../db/client";
import { isTransientDbError } from "../db/errors";
import type { StageContext } from "./types";

const MAX_ERRORS = 50;

export class RunCancelled extends Error {
  constructor() {
    super("run cancelled");
  }
}

export function createStageContext(db: Db, run: Run, signal: AbortSignal): StageContext {
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
      const existing = await db.runItem.upsert({
        where: { runId_key: { runId: run.id, key } },
        create: { runId: run.id, key },
        update: {},
      });
      if (existing.status === "done") return existing.resultId;
      // The item's status and the run's counters change in one transaction, so a
      // connection lost between the two can never leave an item counted twice or not at all.
      const settle = (data: Prisma.RunItemUpdateInput, done: number, failed: number) =>
        db.$transaction([
          db.runItem.update({ where: { id: existing.id }, data: { ...data, attempts: { increment: 1 } } }),
          db.run.update({ where: { id: run.id }, data: { done: { increment: done }, failed: { increment: failed } } }),
        ]);
      try {
        const resultId = (await work()) ?? null;
        await settle({ status: "done", resultId, error: null }, 1, existing.status === "failed" ? -1 : 0);
        return resultId;
      } catch (e) {
        if (signal.aborted) throw new RunCancelled();
        if (isTransientDbError(e)) throw e; // the job is retried and this item with it
        const message = e instanceof Error ? e.message : String(e);
        await settle({ status: "failed", error: message }, 0, existing.status === "failed" ? 0 : 1);
        await recordError(key, message);
        return null;
      }
    },
  };
}
