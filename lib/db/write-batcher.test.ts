import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { createDb, type Db } from "./client";
import { isTransientDbError } from "./errors";
import { createWriteBatcher } from "./write-batcher";

describe("write batcher", () => {
  let t: TestDb;
  let lost: Db; // one connection, which a test terminates under a write
  beforeAll(async () => {
    t = await createTestDb();
    lost = createDb(t.url, { schema: t.schema, max: 1 });
    await t.db.$executeRawUnsafe(`create table probe (v int primary key check (v < 1000))`);
  });
  afterAll(async () => lost.$disconnect());

  const stored = async (from: number, to: number) =>
    (await t.db.$queryRaw<{ v: number }[]>`select v from probe where v between ${from} and ${to} order by v`).map((r) => r.v);

  /** A batcher on `db` that records each write's values; a write holding `holdOn` sleeps first. */
  const batcher = (db: Db, opts: { maxInFlight: number; maxBatch: number; uniqueBy?: (v: number) => string }, holdOn?: number) => {
    const writes: number[][] = [];
    const add = createWriteBatcher<number>(async (batch) => {
      writes.push(batch);
      const secs = batch.includes(holdOn ?? NaN) ? 5 : 0;
      await db.$executeRaw`with pause as (select pg_sleep(${secs})) insert into probe select v from unnest(${batch}::int[]) v, pause`;
    }, opts);
    return { add, writes };
  };

  it("gathers the values that arrive during a write into the next one, and resolves each once committed", async () => {
    const { add, writes } = batcher(t.db, { maxInFlight: 1, maxBatch: 3 });
    await Promise.all([1, 2, 3, 4, 5].map(add));
    expect(writes).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    expect(await stored(1, 5)).toEqual([1, 2, 3, 4, 5]);
  });

  it("never puts two values with the same key in one write", async () => {
    const { add, writes } = batcher(t.db, { maxInFlight: 1, maxBatch: 10, uniqueBy: (v) => String(v % 2) });
    await Promise.all([11, 13, 12].map(add));
    expect(writes).toEqual([[11], [13, 12]]);
  });

  it("a write refused for its content is written again value by value, so the bad value fails alone", async () => {
    const { add, writes } = batcher(t.db, { maxInFlight: 1, maxBatch: 10 });
    const outcomes = await Promise.allSettled([21, 22, 1000, 23].map(add));
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect(writes).toEqual([[21, 22, 1000, 23], [21], [22], [1000], [23]]);
    expect(await stored(21, 23)).toEqual([21, 22, 23]);
  });

  it("a lost database fails the write in flight and every value queued behind it, at once; later values are written", async () => {
    const [{ pid }] = (await lost.$queryRaw<{ pid: number }[]>`select pg_backend_pid() as pid`) as [{ pid: number }];
    const { add, writes } = batcher(lost, { maxInFlight: 1, maxBatch: 2 }, 31);
    const inFlight = add(31).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 300));
    const queued = [32, 33, 34].map((v) => add(v).catch((e: unknown) => e));
    await t.db.$queryRaw`select pg_terminate_backend(${pid}::int)::text`;
    const errors = await Promise.all([inFlight, ...queued]);
    for (const e of errors) expect(isTransientDbError(e)).toBe(true);
    expect(writes).toEqual([[31]]); // the queued values were not tried against the lost database
    expect(await stored(31, 34)).toEqual([]);

    await add(35); // the pool connects again
    expect(await stored(31, 35)).toEqual([35]);
  });
});
