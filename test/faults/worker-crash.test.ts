import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type Db } from "../../lib/db/client";
import { migrate } from "../../lib/db/migrate";
import { startQueue } from "../../lib/jobs/queue";
import { startRun } from "../../lib/jobs/runs";
import { createTestDatabase } from "../db";

const ROOT = path.resolve(import.meta.dirname, "../..");

// Real worker processes started with the CLI, against a database of their own.

function startWorkerProcess(url: string): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "bin/studio.ts"), "worker"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, STUDIO_JOB_HEARTBEAT_SECONDS: "10", STUDIO_WORKER_CONCURRENCY: "1" },
    stdio: "ignore",
  });
}

async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, ms: number): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("a worker killed mid-run", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Db;
  let boss: PgBoss;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(inject("databaseUrl"), "fault");
    await migrate(database.url);
    db = createDb(database.url, { max: 3 });
    boss = await startQueue(database.url, { supervise: false, heartbeatSeconds: 10 });
  });
  afterAll(async () => {
    for (const w of workers) w.kill("SIGKILL");
    await boss?.stop({ graceful: false, timeout: 1000 });
    await db?.$disconnect();
    await database?.drop();
  });

  it("is resumed by another worker: the run completes and no item is done twice", { timeout: 120_000 }, async () => {
    const started = await startRun(db, boss, { kind: "noop", config: { steps: 40, delayMs: 100 } });
    if (!started.ok) throw new Error(started.error);
    const first = startWorkerProcess(database.url);
    workers.push(first);
    const midway = await waitFor(
      () => db.run.findUniqueOrThrow({ where: { id: started.runId } }),
      (r) => r.done >= 5,
      60_000,
    );
    expect(midway.status).toBe("running");
    first.kill("SIGKILL");
    const doneAtKill = midway.done;

    workers.push(startWorkerProcess(database.url));
    const run = await waitFor(
      () => db.run.findUniqueOrThrow({ where: { id: started.runId } }),
      (r) => r.status === "succeeded",
      100_000,
    );
    expect(run).toMatchObject({ status: "succeeded", total: 40, done: 40, failed: 0 });
    expect(doneAtKill).toBeLessThan(40);
    const items = await db.runItem.findMany({ where: { runId: run.id } });
    expect(items).toHaveLength(40);
    expect(items.every((i) => i.status === "done")).toBe(true);
    // An item in flight at the kill may be attempted again, but is counted once.
    expect(items.filter((i) => i.attempts > 1).length).toBeLessThanOrEqual(1);
  });
});
