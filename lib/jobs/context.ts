import type { Db, Run } from "../db/client";
import { isTransientDbError } from "../db/errors";
import { createItemLedger, MAX_ERRORS } from "./item-ledger";
import type { StageContext } from "./types";

export class RunCancelled extends Error {
  constructor() {
    super("run cancelled");
  }
}

export function createStageContext(db: Db, run: Run, signal: AbortSignal): StageContext {
  const items = createItemLedger(db, run.id);
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
      if (!before) await items.start(key);
      let resultId: string | null;
      try {
        resultId = (await work()) ?? null;
      } catch (e) {
        if (signal.aborted) throw new RunCancelled();
        if (isTransientDbError(e)) throw e; // the job is retried and this item with it
        const message = e instanceof Error ? e.message : String(e);
        await items.settle({ key, status: "failed", resultId: null, error: message });
        return null;
      }
      await items.settle({ key, status: "done", resultId, error: null });
      return resultId;
    },
  };
}
