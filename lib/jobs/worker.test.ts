import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PgBoss } from "pg-boss";
import { createTestDb, urlWithSchema, type TestDb } from "../../test/db";
import { startQueue } from "./queue";
import { cancelRun, startRun } from "./runs";
import { executeRun, startWorker } from "./worker";
import { stages } from "../pipeline";

async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("job queue", () => {
  let t: TestDb;
  let boss: PgBoss;
  beforeAll(async () => {
    t = await createTestDb();
    boss = await startQueue(urlWithSchema(t.url, t.schema), { schema: t.schema });
    await startWorker(t.db, boss, 2, stages);
  });
  afterAll(async () => {
    await boss.stop({ graceful: false, timeout: 2000 });
  });

  it("a started run is worked to the end with its progress recorded", async () => {
    const started = await startRun(t.db, boss, { kind: "noop", config: { steps: 5, delayMs: 10 } });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    const run = await waitFor(
      () => t.db.run.findUniqueOrThrow({ where: { id: started.runId } }),
      (r) => r.status === "succeeded",
    );
    expect(run).toMatchObject({ status: "succeeded", total: 5, done: 5, failed: 0 });
    expect(run.finishedAt).not.toBeNull();
  });

  it("an invalid config is refused with a message and nothing is queued", async () => {
    const before = await t.db.run.count();
    const started = await startRun(t.db, boss, { kind: "noop", config: { steps: -1 } });
    expect(started).toMatchObject({ ok: false });
    expect(!started.ok && started.error).toMatch(/steps/);
    expect(await t.db.run.count()).toBe(before);
  });

  it("cancelling a running run stops it before its end", async () => {
    const started = await startRun(t.db, boss, { kind: "noop", config: { steps: 200, delayMs: 50 } });
    if (!started.ok) throw new Error(started.error);
    await waitFor(
      () => t.db.run.findUniqueOrThrow({ where: { id: started.runId } }),
      (r) => r.done >= 2,
    );
    expect(await cancelRun(t.db, started.runId)).toBe(true);
    const run = await waitFor(
      () => t.db.run.findUniqueOrThrow({ where: { id: started.runId } }),
      (r) => r.status === "cancelled",
    );
    expect(run.status).toBe("cancelled");
    expect(run.done).toBeLessThan(200);
  });

  it("a resumed run skips the items it had done and counts each once", async () => {
    const run = await t.db.run.create({ data: { kind: "noop", status: "running", config: { steps: 4, delayMs: 0 } } });
    await t.db.runItem.createMany({ data: [0, 1].map((i) => ({ runId: run.id, key: `step-${i}`, status: "done" as const })) });
    await t.db.run.update({ where: { id: run.id }, data: { done: 2 } });
    await executeRun(t.db, run.id, { stages });
    const after = await t.db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(after).toMatchObject({ status: "succeeded", done: 4 });
    expect(await t.db.runItem.count({ where: { runId: run.id, status: "done" } })).toBe(4);
  });
});
