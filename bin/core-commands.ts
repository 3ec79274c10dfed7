import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { loadOrCreateSecret } from "../lib/auth/secret";
import { createDb } from "../lib/db/client";
import { resolveDatabase } from "../lib/db/connect";
import { adoptLocalExports } from "../lib/datasets/adopt-local-exports";
import { listMigrations, migrate } from "../lib/db/migrate";
import { env } from "../lib/env";
import { isPristine } from "../lib/demo/reset";
import { startQueue } from "../lib/jobs/queue";
import { startRun } from "../lib/jobs/runs";
import { startWorker } from "../lib/jobs/worker";
import { sandboxStatus } from "../lib/sandbox/confinement";
import { mcpConfinementStatus } from "../lib/catalog/mcp/bubblewrap";
import { stages } from "../lib/pipeline";
import { buildIsStale } from "./build-freshness";

const ROOT = path.resolve(import.meta.dirname, "..");
const log = (s: string) => console.log(`[studio] ${s}`);

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, () => srv.close(() => resolve(true)));
  });
}

function nextBin() {
  return path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
}

async function runWorker(url: string, opts: { demo?: boolean } = {}) {
  const db = createDb(url, { max: env.STUDIO_WORKER_CONCURRENCY + 4 });
  const boss = await startQueue(url, { heartbeatSeconds: env.STUDIO_JOB_HEARTBEAT_SECONDS });
  await startWorker(db, boss, env.STUDIO_WORKER_CONCURRENCY, stages);
  // dataset versions an older studio wrote only to this machine's folder
  void adoptLocalExports(db)
    .then((n) => n && log(`stored ${n} dataset version(s) from ${path.join(env.STUDIO_DATA_DIR, "exports")} where every process reaches them`))
    .catch((e: unknown) =>
      log(`could not store the dataset versions in ${path.join(env.STUDIO_DATA_DIR, "exports")}: ${e instanceof Error ? e.message : String(e)}`),
    );
  if (opts.demo && env.STUDIO_DEMO === "1" && (await isPristine(db))) {
    const started = await startRun(db, boss, { kind: "demo", config: {} });
    if (started.ok) log("building the demo workspace on the offline provider (see Runs)");
  }
  return async () => {
    await boss.stop({ graceful: true, timeout: 5000 }).catch(() => {});
    await db.$disconnect();
  };
}

export async function startCommand(args: string[]) {
  const dev = args.includes("--dev");
  const port = env.PORT;
  if (!(await portIsFree(port))) throw new Error(`Port ${port} is already in use: stop what is using it or set PORT to another port`);
  const { url, embedded } = await resolveDatabase({ start: true, log });
  const applied = await migrate(url, { log });
  log(applied.length ? `applied ${applied.length} migration(s)` : "database is up to date");

  if (!dev && buildIsStale(ROOT)) {
    log("building the web app (first start or sources changed)…");
    const build = spawnSync(process.execPath, [nextBin(), "build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, DATABASE_URL: url } });
    if (build.status !== 0) throw new Error("next build failed (see above)");
  }

  const childEnv = {
    ...process.env,
    DATABASE_URL: url,
    BETTER_AUTH_SECRET: loadOrCreateSecret(env.STUDIO_DATA_DIR, env.BETTER_AUTH_SECRET),
    STUDIO_URL: env.STUDIO_URL ?? `http://localhost:${port}`,
    PORT: String(port),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // bin/web.ts serves Next.js and records each request's client address (see there)
  const web: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "bin", "web.ts"), ...(dev ? ["--dev"] : [])], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...childEnv, NODE_ENV: dev ? "development" : "production" },
  });
  const stopWorker = env.STUDIO_IN_PROCESS_WORKER === "1" ? await runWorker(url, { demo: true }) : null;
  log(`studio on http://localhost:${port}${embedded ? " (embedded PostgreSQL)" : ""}`);

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    web.kill("SIGTERM");
    await stopWorker?.();
    await embedded?.stop().catch(() => {});
    process.exit(code);
  };
  web.on("exit", (code) => void stop(code ?? 1));
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
}

export async function workerCommand() {
  const { url } = await resolveDatabase({ start: false });
  const stop = await runWorker(url);
  log(`worker started (concurrency ${env.STUDIO_WORKER_CONCURRENCY})`);
  const exit = async () => {
    await stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void exit());
  process.on("SIGTERM", () => void exit());
}

export async function migrateCommand() {
  const { url, embedded } = await resolveDatabase({ start: true, log });
  const applied = await migrate(url, { log });
  log(applied.length ? `applied ${applied.length} migration(s)` : "database is up to date");
  await embedded?.stop();
}

export async function statusCommand() {
  const { url, embedded } = await resolveDatabase({ start: true, log });
  const db = createDb(url, { max: 2 });
  try {
    const applied = await db.$queryRaw<{ migration_name: string }[]>`select migration_name from "_prisma_migrations" where finished_at is not null`.catch(
      () => [],
    );
    const pending = listMigrations().filter((m) => !applied.some((a) => a.migration_name === m.name));
    const runs = await db.run.groupBy({ by: ["status"], _count: true }).catch(() => []);
    const safeUrl = new URL(url);
    safeUrl.password = safeUrl.password ? "***" : "";
    console.log(`database    ${safeUrl}${embedded ? " (embedded)" : ""}`);
    console.log(`migrations  ${applied.length} applied, ${pending.length} pending`);
    const sandbox = sandboxStatus();
    console.log(`sandbox     ${sandbox.confinement}${sandbox.ready ? ` (${sandbox.languages.join(", ")})` : ""}: ${sandbox.detail}`);
    const mcp = mcpConfinementStatus();
    console.log(`mcp         ${mcp.confinement}: ${mcp.detail}`);
    if (pending.length === 0) {
      console.log(`users       ${await db.user.count()}`);
      console.log(`runs        ${runs.map((r) => `${r._count} ${r.status}`).join(", ") || "none"}`);
      // a paused run waits for its endpoint: say which, and why
      for (const p of await db.run.findMany({ where: { status: "paused" }, select: { id: true, kind: true, pausedReason: true }, take: 20 })) {
        console.log(`  paused    ${p.kind} ${p.id}: ${p.pausedReason ?? ""}`);
      }
    }
  } finally {
    await db.$disconnect();
    await embedded?.stop();
  }
}
