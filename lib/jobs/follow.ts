import type { PgBoss } from "pg-boss";
import { createDb, type Db, type RunKind } from "../db/client";
import { resolveDatabase } from "../db/connect";
import { migrate } from "../db/migrate";
import { isParked, setRunBudget } from "./budget";
import { splitBudgetFlags, type RunBudget } from "./budget-schema";
import { EXIT_BUDGET, runExitCode } from "./exit-code";
import { isTransientDbError } from "../db/errors";
import { startQueue } from "./queue";
import { isEnded } from "./run-status";
import { retryFailedItems, startRun } from "./runs";
import { startWorker } from "./worker";
import { stages } from "../pipeline";

type Log = (s: string) => void;

/** How long following tolerates an unreadable run, or a run no worker works. */
const FOLLOW_GIVE_UP_MS = 120_000;
const defaultLog: Log = (s) => console.log(`[studio] ${s}`);

/**
 * For the CLI: opens the studio's database and queue, lets `queueRun` queue a
 * run, works it in this process (beside any other worker), and prints its
 * progress until it ends. A run that does not succeed sets a failing exit code.
 */
async function queueAndFollow(queueRun: (db: Db, boss: PgBoss) => Promise<string>, log: Log): Promise<void> {
  const { url, embedded } = await resolveDatabase({ start: true, log });
  await migrate(url);
  const db = createDb(url, { max: 8 });
  const boss = await startQueue(url);
  try {
    const runId = await queueRun(db, boss);
    await startWorker(db, boss, 1, stages);
    let last = "";
    let unreadableSince: number | null = null;
    for (;;) {
      await new Promise((r) => setTimeout(r, last ? 1000 : 0));
      const run = await db.run.findUniqueOrThrow({ where: { id: runId } }).catch((e: unknown) => {
        // a database that went away for a moment: keep following, for a while
        if (!isTransientDbError(e) || Date.now() - (unreadableSince ??= Date.now()) > FOLLOW_GIVE_UP_MS) throw e;
        return null;
      });
      if (!run) continue;
      unreadableSince = null;
      const line = `${run.status} ${run.done + run.failed}/${run.total}${run.failed ? ` (${run.failed} failed)` : ""}${run.pausedReason ? `: ${run.pausedReason}` : ""}`;
      if (line !== last) log((last = line));
      // stopped at a budget: it waits, parked, for a higher cap (`studio retry <runId> --budget-usd N`) or a new day
      if (isParked(run)) {
        log(`run ${runId} is paused: ${run.pausedReason}`);
        process.exitCode = EXIT_BUDGET;
        break;
      }
      if (isEnded(run.status)) {
        if (run.message) log(run.message);
        const code = runExitCode(run);
        if (code) process.exitCode = code;
        break;
      }
      // worked by no one (this process's worker gave up on a lost database, say): say so and stop following
      if (run.status !== "queued" && (run.heartbeatAt?.getTime() ?? 0) < Date.now() - FOLLOW_GIVE_UP_MS) {
        log(
          `no worker has worked run ${runId} for ${Math.round(FOLLOW_GIVE_UP_MS / 1000)} s; it is left ${run.status} (cancel it, or start \`studio worker\` to resume it)`,
        );
        process.exitCode = 1;
        break;
      }
    }
  } finally {
    await boss.stop({ graceful: true, timeout: 5000 }).catch(() => {});
    await db.$disconnect();
    await embedded?.stop();
  }
}

/** Queues a run of `kind` and follows it (see queueAndFollow); `--budget-usd`/`--budget-tokens` among the flags cap it. */
export async function runAndFollow(kind: RunKind, flags: unknown, log = defaultLog): Promise<void> {
  const { budget, config } = splitBudgetFlags(flags);
  await queueAndFollow(async (db, boss) => {
    const started = await startRun(db, boss, { kind, config, budget });
    if (!started.ok) throw new Error(started.error);
    log(`run ${started.runId} queued (${kind})`);
    return started.runId;
  }, log);
}

/**
 * Sends an ended run's failed and unfinished items back to the queue and
 * follows the run (see queueAndFollow). A `budget` sets the run's caps first;
 * a run paused at a budget resumes if its caps allow it now.
 */
export async function retryAndFollow(runId: string, log = defaultLog, budget: RunBudget = {}): Promise<void> {
  await queueAndFollow(async (db, boss) => {
    const set = await setRunBudget(db, boss, runId, budget);
    if (!set.ok) throw new Error(set.error);
    if (set.resumed) {
      log(`run ${runId}: resumed within its budget`);
      return runId;
    }
    if (set.waiting) throw new Error(`run ${runId} stays paused: ${set.waiting}`);
    const retried = await retryFailedItems(db, boss, runId);
    if (!retried.ok) throw new Error(retried.error);
    log(`run ${runId}: ${retried.items} failed or unfinished item${retried.items === 1 ? "" : "s"} queued again`);
    return runId;
  }, log);
}
