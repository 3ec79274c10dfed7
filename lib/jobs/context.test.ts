import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { createStageContext } from "./context";
import { MAX_ERRORS } from "./item-ledger";

describe("ctx.item with hundreds of items in flight", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  const keys = Array.from({ length: 300 }, (_, i) => `item-${i}`);
  const settled = (ids: string[]) => t.db.runItem.groupBy({ by: ["status"], where: { runId: { in: ids } }, _count: true });

  it("counts every item once, done or failed, and keeps the last errors", async () => {
    const run = await t.db.run.create({ data: { kind: "noop", status: "running" } });
    const ctx = createStageContext(t.db, run, new AbortController().signal);
    const results = await Promise.all(
      keys.map((key, i) =>
        ctx.item(key, async () => {
          await new Promise((r) => setTimeout(r, i % 7));
          if (i % 3 === 0) throw new Error(`boom ${i}`);
          return `result-${i}`;
        }),
      ),
    );
    expect(results.filter((r) => r === null)).toHaveLength(100);
    expect(results[1]).toBe("result-1");
    const after = await t.db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(after).toMatchObject({ done: 200, failed: 100 });
    const errors = after.errors as { key: string; message: string }[];
    expect(errors).toHaveLength(MAX_ERRORS);
    expect(new Set(errors.map((e) => e.key)).size).toBe(MAX_ERRORS);
    expect(errors.every((e) => e.message === `boom ${e.key.slice("item-".length)}`)).toBe(true);
    expect(await settled([run.id])).toEqual(
      expect.arrayContaining([
        { status: "done", _count: 200 },
        { status: "failed", _count: 100 },
      ]),
    );
    expect(await t.db.runItem.findUniqueOrThrow({ where: { runId_key: { runId: run.id, key: "item-1" } } })).toMatchObject({
      resultId: "result-1",
      attempts: 1,
    });
  });

  it("a second attempt skips done items, redoes failed ones and moves them from failed to done", async () => {
    const run = await t.db.run.create({ data: { kind: "noop", status: "running" } });
    const first = createStageContext(t.db, run, new AbortController().signal);
    await Promise.all(keys.map((key, i) => first.item(key, async () => (i % 3 === 0 ? Promise.reject(new Error("first attempt")) : `r${i}`))));
    const again = createStageContext(t.db, run, new AbortController().signal);
    let worked = 0;
    const results = await Promise.all(
      keys.map((key, i) =>
        again.item(key, async () => {
          worked++;
          return `second-${i}`;
        }),
      ),
    );
    expect(worked).toBe(100);
    expect(results[1]).toBe("r1");
    expect(results[3]).toBe("second-3");
    expect(await t.db.run.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ done: 300, failed: 0 });
    expect(await t.db.runItem.findUniqueOrThrow({ where: { runId_key: { runId: run.id, key: "item-3" } } })).toMatchObject({
      status: "done",
      attempts: 2,
      error: null,
    });
  });

  it("marks an item pending before its work runs, so a crash mid-work leaves a trace", async () => {
    const run = await t.db.run.create({ data: { kind: "noop", status: "running" } });
    const ctx = createStageContext(t.db, run, new AbortController().signal);
    let seen: string | undefined;
    await ctx.item("watched", async () => {
      seen = (await t.db.runItem.findUnique({ where: { runId_key: { runId: run.id, key: "watched" } } }))?.status;
    });
    expect(seen).toBe("pending");
  });

  it("the same key settled twice at once counts once", async () => {
    const run = await t.db.run.create({ data: { kind: "noop", status: "running" } });
    const ctx = createStageContext(t.db, run, new AbortController().signal);
    await Promise.all([ctx.item("twice", async () => "a"), ctx.item("twice", async () => "b")]);
    expect(await t.db.run.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ done: 1, failed: 0 });
  });

  it("advance adds to the same counters as the items", async () => {
    const run = await t.db.run.create({ data: { kind: "noop", status: "running" } });
    const ctx = createStageContext(t.db, run, new AbortController().signal);
    await Promise.all([ctx.advance(5, 1), ...keys.slice(0, 20).map((key) => ctx.item(key, async () => {}))]);
    expect(await t.db.run.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ done: 25, failed: 1 });
  });
});
