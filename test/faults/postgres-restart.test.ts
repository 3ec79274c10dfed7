import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../lib/db/client";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../../lib/db/embedded";
import { migrate } from "../../lib/db/migrate";
import { startQueue } from "../../lib/jobs/queue";
import { startRun } from "../../lib/jobs/runs";

const ROOT = path.resolve(import.meta.dirname, "../..");

async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, ms: number): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await read().catch(() => null);
    if ((v !== null && done(v)) || Date.now() > until) return v as T;
    await new Promise((r) => setTimeout(r, 250));
  }
}

// A PostgreSQL of this test's own, so stopping it disturbs no other test file.
describe("PostgreSQL restarting mid-run", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "studio-pg-restart-"));
  chmodSync(dir, 0o755);
  const port = 56000 + Math.floor(Math.random() * 2000);
  let pg: EmbeddedDatabase;
  let db: Db;
  let boss: PgBoss;
  let worker: ChildProcess;

  beforeAll(async () => {
    pg = await startEmbeddedPostgres({ dir: path.join(dir, "pg"), database: "studio", port });
    await migrate(pg.url);
    db = createDb(pg.url, { max: 2 });
    boss = await startQueue(pg.url, { supervise: false, heartbeatSeconds: 10 });
  });
  afterAll(async () => {
    worker?.kill("SIGKILL");
    await boss?.stop({ graceful: false, timeout: 1000 }).catch(() => {});
    await db?.$disconnect();
    await pg?.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });

  it("the worker reconnects and the run completes with every item counted once", { timeout: 150_000 }, async () => {
    const started = await startRun(db, boss, { kind: "noop", config: { steps: 60, delayMs: 100 } });
    if (!started.ok) throw new Error(started.error);
    worker = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "bin/studio.ts"), "worker"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: pg.url, STUDIO_JOB_HEARTBEAT_SECONDS: "10" },
      stdio: "ignore",
    });
    await waitFor(
      () => db.run.findUniqueOrThrow({ where: { id: started.runId } }),
      (r) => r.done >= 5,
      60_000,
    );

    await pg.stop();
    await new Promise((r) => setTimeout(r, 2000));
    pg = await startEmbeddedPostgres({ dir: path.join(dir, "pg"), database: "studio", port });

    const run = await waitFor(
      () => db.run.findUniqueOrThrow({ where: { id: started.runId } }),
      (r) => r.status !== "running" && r.status !== "queued",
      120_000,
    );
    expect(run).toMatchObject({ status: "succeeded", total: 60, done: 60, failed: 0 });
    expect(await db.runItem.count({ where: { runId: run.id, status: "done" } })).toBe(60);
    expect(worker.exitCode).toBeNull(); // still alive
  });
});
