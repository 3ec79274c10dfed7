import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { createInterface } from "node:readline";
import { db as processDb, type Db } from "../db/client";
import { databaseUrl } from "../env";
import { startQueue } from "../jobs/queue";
import { isEnded } from "../jobs/run-status";
import { startRun } from "../jobs/runs";
import { benchTasks, type SimulationFigure } from "./bench";

// `npm run bench -- workers`: the same simulation (offline provider) worked
// by 1, 2 and 4 `studio worker` processes on one database. The episodes are
// split into RUNS runs queued at once; each worker takes one run at a time
// (STUDIO_WORKER_CONCURRENCY=1), so more workers work more runs side by side.
// Throughput is episodes per second from the first run queued to the last
// one ended, with the workers already started.

const ROOT = path.resolve(import.meta.dirname, "../..");
/** runs the episodes are split into: a multiple of every worker count */
const RUNS = 8;
/** episodes in flight within one run */
const RUN_CONCURRENCY = 16;

async function startWorker(url: string): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, STUDIO_WORKER_CONCURRENCY: "1", STUDIO_DEMO: "0" };
  for (const role of ["AGENT", "USER", "TOOL"]) env[`STUDIO_${role}_PROVIDER`] = "offline";
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "bin/studio.ts"), "worker"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! });
  const ready = new Promise<void>((resolve) => lines.on("line", (l) => l.includes("worker started") && resolve()));
  await Promise.race([ready, once(child, "exit").then(() => Promise.reject(new Error("a bench worker exited before it started")))]);
  return child;
}

async function stopWorker(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  await exited;
}

/** Episodes per second with `workers` worker processes. */
async function measure(db: Db, url: string, workers: number, episodes: number): Promise<number> {
  const boss = await startQueue(url, { supervise: false });
  const started = await Promise.all(Array.from({ length: workers }, () => startWorker(url)));
  try {
    const taskIds = await benchTasks(db, episodes, `workers-${workers}-${Date.now()}`);
    const per = Math.ceil(taskIds.length / RUNS);
    const from = performance.now();
    const runIds: string[] = [];
    for (let i = 0; i < taskIds.length; i += per) {
      const config = { taskIds: taskIds.slice(i, i + per), protocols: ["native"], concurrency: RUN_CONCURRENCY, maxTurns: 12, seed: 1, cache: false };
      const run = await startRun(db, boss, { kind: "simulate", config });
      if (!run.ok) throw new Error(run.error);
      runIds.push(run.runId);
    }
    for (;;) {
      const gone = started.find((w) => w.exitCode !== null || w.signalCode !== null);
      if (gone) throw new Error(`a bench worker stopped (${gone.signalCode ?? `exit ${gone.exitCode}`}) before the runs ended`);
      const runs = await db.run.findMany({ where: { id: { in: runIds } }, select: { status: true } });
      if (runs.every((r) => isEnded(r.status))) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const seconds = (performance.now() - from) / 1000;
    const ended = await db.trajectory.count({ where: { runId: { in: runIds }, endReason: { not: "" } } });
    if (ended !== episodes) throw new Error(`${workers} worker(s) ended ${ended} of ${episodes} episodes`);
    return episodes / seconds;
  } finally {
    await Promise.all(started.map(stopWorker));
    await boss.stop({ graceful: false });
  }
}

export async function benchWorkerScaling(opts: { episodes?: number; workerCounts?: number[]; db?: Db } = {}): Promise<SimulationFigure[]> {
  const db = opts.db ?? processDb();
  const url = databaseUrl();
  const episodes = opts.episodes ?? 800;
  const figures: SimulationFigure[] = [];
  let one = 0;
  for (const workers of opts.workerCounts ?? [1, 2, 4]) {
    const rate = await measure(db, url, workers, episodes);
    one ||= rate;
    figures.push({
      name: `episodes per second with ${workers} worker process${workers > 1 ? "es" : ""} (offline, ${episodes} episodes)`,
      value: rate,
      unit: "episodes/s",
    });
    if (workers > 1) figures.push({ name: `${workers} workers vs ${workers} × one worker`, value: rate / (one * workers), unit: "ratio", target: ">= 0.9" });
  }
  return figures;
}
