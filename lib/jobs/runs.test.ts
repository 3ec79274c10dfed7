import { spawnSync } from "node:child_process";
import path from "node:path";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase, createTestDb, urlWithSchema, type TestDb } from "../../test/db";
import { createDb, type Db, type Prisma } from "../db/client";
import { migrate } from "../db/migrate";
import { startQueue } from "./queue";
import { canRetry } from "./progress";
import { retryFailedItems } from "./runs";
import { startWorker } from "./worker";
import { stages } from "../pipeline";

async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A finished noop run of `steps` items, the ones at `failedAt` recorded as failed as a stage would leave them. */
async function finishedRun(db: Db, steps: number, failedAt: number[], status: "succeeded" | "failed" = "succeeded") {
  const errors = [
    { key: "unrelated-note", message: "kept", at: new Date().toISOString() },
    ...failedAt.map((i) => ({ key: `step-${i}`, message: `boom ${i}`, at: new Date().toISOString() })),
  ];
  const run = await db.run.create({
    data: {
      kind: "noop",
      status,
      config: { steps, delayMs: 0 },
      total: steps,
      done: steps - failedAt.length,
      failed: failedAt.length,
      errors: errors as Prisma.InputJsonValue,
      startedAt: new Date(),
      finishedAt: new Date(),
    },
  });
  await db.runItem.createMany({
    data: Array.from({ length: steps }, (_, i) => ({
      runId: run.id,
      key: `step-${i}`,
      attempts: 1,
      ...(failedAt.includes(i) ? { status: "failed" as const, error: `boom ${i}` } : { status: "done" as const }),
    })),
  });
  return run;
}

describe("retrying a run's failed items", () => {
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

  it("redoes only the failed items, moves them from failed to done and clears their errors", async () => {
    const run = await finishedRun(t.db, 10, [2, 7]);
    expect(canRetry(run)).toBe(true);
    const result = await retryFailedItems(t.db, boss, run.id);
    expect(result).toEqual({ ok: true, items: 2 });
    const after = await waitFor(
      () => t.db.run.findUniqueOrThrow({ where: { id: run.id } }),
      (r) => r.status === "succeeded",
    );
    expect(after).toMatchObject({ status: "succeeded", total: 10, done: 10, failed: 0, cancelRequested: false });
    expect(after.finishedAt).not.toBeNull();
    expect(after.errors).toEqual([expect.objectContaining({ key: "unrelated-note" })]);
    const items = await t.db.runItem.findMany({ where: { runId: run.id }, orderBy: { key: "asc" } });
    expect(items).toHaveLength(10);
    expect(items.every((i) => i.status === "done" && i.error === null)).toBe(true);
    // the items that were done are not worked again; the failed ones once more
    expect(
      items
        .filter((i) => i.attempts === 2)
        .map((i) => i.key)
        .sort(),
    ).toEqual(["step-2", "step-7"]);
    expect(items.filter((i) => i.attempts === 1)).toHaveLength(8);
    expect(canRetry(after)).toBe(false);
  });

  it("retries a run that ended failed too", async () => {
    const run = await finishedRun(t.db, 4, [0], "failed");
    expect(await retryFailedItems(t.db, boss, run.id)).toEqual({ ok: true, items: 1 });
    const after = await waitFor(
      () => t.db.run.findUniqueOrThrow({ where: { id: run.id } }),
      (r) => r.status === "succeeded",
    );
    expect(after).toMatchObject({ status: "succeeded", done: 4, failed: 0 });
  });

  it("two retries at once queue the run once", async () => {
    const run = await finishedRun(t.db, 6, [1, 3, 5]);
    const results = await Promise.all([retryFailedItems(t.db, boss, run.id), retryFailedItems(t.db, boss, run.id)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, error: expect.stringMatching(/cannot be retried/) });
    const after = await waitFor(
      () => t.db.run.findUniqueOrThrow({ where: { id: run.id } }),
      (r) => r.status === "succeeded",
    );
    expect(after).toMatchObject({ done: 6, failed: 0 });
    const items = await t.db.runItem.findMany({ where: { runId: run.id } });
    expect(items.filter((i) => i.attempts === 2)).toHaveLength(3);
  });

  it("refuses a run without failed items, a run still going and an unknown run", async () => {
    const clean = await finishedRun(t.db, 3, []);
    expect(canRetry(clean)).toBe(false);
    expect(await retryFailedItems(t.db, boss, clean.id)).toMatchObject({ ok: false, error: expect.stringMatching(/no failed items/) });

    const going = await finishedRun(t.db, 3, [1]);
    await t.db.run.update({ where: { id: going.id }, data: { status: "running", finishedAt: null } });
    expect(canRetry({ kind: "noop", status: "running", failed: 1 })).toBe(false);
    expect(canRetry({ kind: "import", status: "succeeded", failed: 3 })).toBe(false);
    expect(await retryFailedItems(t.db, boss, going.id)).toMatchObject({ ok: false, error: expect.stringMatching(/running run cannot be retried/) });
    expect((await t.db.run.findUniqueOrThrow({ where: { id: going.id } })).status).toBe("running");

    expect(await retryFailedItems(t.db, boss, "no-such-run")).toMatchObject({ ok: false });
  });
});

describe("studio retry <runId>", () => {
  const ROOT = path.resolve(import.meta.dirname, "../..");
  let url: string;
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    // the CLI works on a whole database of its own, as it would on the studio's
    const database = await createTestDatabase(inject("databaseUrl"), "retry");
    url = database.url;
    await migrate(url);
    db = createDb(url, { max: 2 });
    drop = async () => {
      await db.$disconnect();
      await database.drop();
    };
  });
  afterAll(() => drop?.());

  const studio = (args: string[]) => {
    const r = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "bin/studio.ts"), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url },
      encoding: "utf8",
      timeout: 60_000,
    });
    return { code: r.status, stdout: r.stdout.trim(), stderr: r.stderr.trim() };
  };

  it("queues the failed items again, works them and prints the run to its end", { timeout: 90_000 }, async () => {
    const run = await finishedRun(db, 5, [1, 4]);
    const r = studio(["retry", run.id]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`run ${run.id}: 2 failed or unfinished items queued again`);
    expect(r.stdout).toMatch(/succeeded 5\/5/);
    expect(await db.run.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "succeeded", done: 5, failed: 0 });

    const again = studio(["retry", run.id]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe("error: This run has no failed items to retry");
  });
});
