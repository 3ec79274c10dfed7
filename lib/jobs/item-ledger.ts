import { randomUUID } from "node:crypto";
import type { Db } from "../db/client";
import { createWriteBatcher } from "../db/write-batcher";

// The RunItem bookkeeping behind `ctx.item`, built for hundreds of items in
// flight. The run's items are read once, so a done item is skipped without a
// query. The items that start or end at about the same time share one
// statement: starts mark their rows pending (so a crash mid-work leaves a
// trace, see lib/synthesis/run-items.ts), ends settle their rows and move the
// run's done/failed counters and error list in the same statement, so an
// item is counted exactly when its status changes, once, even across a crash.
// One end statement at a time per run: the hot Run row is never waited on.
// Writes are batched, and fail when the database is lost, as lib/db/write-batcher.ts says.

export const MAX_ERRORS = 50;

export type ItemState = { status: "pending" | "done" | "failed"; resultId: string | null };
export type Settlement = { key: string; status: "done" | "failed"; resultId: string | null; error: string | null };

export function createItemLedger(db: Db, runId: string) {
  let known: Promise<Map<string, ItemState>> | null = null;
  const load = () => {
    known ??= db.runItem.findMany({ where: { runId }, select: { key: true, status: true, resultId: true } }).then(
      (rows) => new Map(rows.map((r) => [r.key, { status: r.status, resultId: r.resultId }])),
      (e) => {
        known = null;
        throw e;
      },
    );
    return known;
  };

  const start = createWriteBatcher<string>(
    async (keys) => {
      await db.$executeRaw`
        insert into "RunItem" (id, "runId", key, "updatedAt")
        select u.id, ${runId}, u.key, now() at time zone 'UTC' from unnest(${keys.map(() => randomUUID())}::text[], ${keys}::text[]) as u(id, key)
        on conflict ("runId", key) do nothing`;
    },
    { maxInFlight: 2, maxBatch: 1_000 },
  );

  // The counters move by what the statuses became minus what they were, read in
  // the same statement: exact whatever the row held (a retried failed item, say).
  const settle = createWriteBatcher<Settlement>(
    async (batch) => {
      const at = new Date().toISOString();
      const errors = batch.filter((s) => s.status === "failed").map((s) => ({ key: s.key, message: s.error ?? "", at }));
      const rows = batch.map((s) => ({ ...s, id: randomUUID() }));
      await db.$executeRaw`
        with s as (
          select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id text, key text, status text, error text, "resultId" text)
        ), was as (
          select i.key, i.status::text from "RunItem" i join s on s.key = i.key where i."runId" = ${runId}
        ), settled as (
          insert into "RunItem" (id, "runId", key, status, attempts, error, "resultId", "updatedAt")
          select s.id, ${runId}, s.key, s.status::"RunItemStatus", 1, s.error, s."resultId", now() at time zone 'UTC' from s
          on conflict ("runId", key) do update set status = excluded.status, attempts = "RunItem".attempts + 1,
            error = excluded.error, "resultId" = excluded."resultId", "updatedAt" = excluded."updatedAt"
        ), delta as (
          select count(*) filter (where s.status = 'done') - count(*) filter (where was.status = 'done') as done,
            count(*) filter (where s.status = 'failed') - count(*) filter (where was.status = 'failed') as failed
          from s left join was on was.key = s.key
        )
        update "Run" r set done = r.done + delta.done, failed = r.failed + delta.failed, "updatedAt" = now() at time zone 'UTC',
          errors = case when ${errors.length}::int = 0 then r.errors else (
            select coalesce(jsonb_agg(e order by n), '[]'::jsonb) from (
              select e, n from jsonb_array_elements(r.errors || ${JSON.stringify(errors)}::jsonb) with ordinality as x(e, n)
              order by n offset greatest(jsonb_array_length(r.errors) + ${errors.length}::int - ${MAX_ERRORS}::int, 0)
            ) kept) end
        from delta where r.id = ${runId}`;
    },
    // one statement may settle a key once
    { maxInFlight: 1, maxBatch: 1_000, uniqueBy: (s) => s.key },
  );

  return {
    /** What the run recorded for `key` before this attempt started, or what this attempt settled it to. */
    async state(key: string): Promise<ItemState | undefined> {
      return (await load()).get(key);
    },
    /** Marks `key` as started (pending), committed before the item's work begins. */
    async start(key: string): Promise<void> {
      await start(key);
      (await load()).set(key, { status: "pending", resultId: null });
    },
    /** Records how the item ended and counts it on the run, in one statement. */
    async settle(s: Settlement): Promise<void> {
      await settle(s);
      (await load()).set(s.key, { status: s.status, resultId: s.resultId });
    },
  };
}
