import type { PgBoss } from "pg-boss";
import type { CliDeps } from "../cli";
import { createDb, type Db, type Run, type RunKind } from "../db/client";
import { resolveDatabase } from "../db/connect";
import { migrate } from "../db/migrate";
import { isParked, setRunBudget } from "./budget";
import { splitBudgetFlags, type RunBudget } from "./budget-schema";
import { EXIT_BUDGET, runExitCode } from "./exit-code";
import { isTransientDbError } from "../db/errors";
import { STAGE_QUEUE, startQueue } from "./queue";
import { isEnded } from "./run-status";
import { retryFailedItems, startRun } from "./runs";
import { startWorker } from "./worker";
import { stages } from "../pipeline";

type Log = (s: string) => void;

/** How a command follows its run: where progress goes, and the database and queue it works on (the studio's unless given). */
export type FollowOptions = {
  log?: Log;
  deps?: CliDeps;
  /** connections to the studio's database (a stage working many items at once wants more) */
  connections?: number;
};

/** How long following tolerates an unreadable run, or a run no worker works. */
const FOLLOW_GIVE_UP_MS = 120_000;
const defaultLog: Log = (s) => console.log(`[studio] ${s}`);

/** The database and queue a command works on. */
export type StudioQueue = CliDeps & { db: Db; queue: PgBoss };

/** Runs `work` on the database and queue given in `deps`, or on the studio's (started and migrated if need be), closed after. */
export async function withQueue<T>(deps: CliDeps, work: (given: StudioQueue) => Promise<T>, opts: Omit<FollowOptions, "deps"> = {}): Promise<T> {
  if (deps.db && deps.queue) return work({ ...deps, db: deps.db, queue: deps.queue });
  if (deps.db || deps.queue) throw new Error("a command given a database is given its queue too");
  const { url, embedded } = await resolveDatabase({ start: true, log: opts.log ?? defaultLog });
  await migrate(url);
  const db = createDb(url, { max: opts.connections ?? 8 });
  const queue = await startQueue(url);
  try {
    return await work({ ...deps, db, queue });
  } finally {
    await queue.stop({ graceful: true, timeout: 5000 }).catch(() => {});
    await db.$disconnect();
    await embedded?.stop();
  }
}

/**
 * For the CLI: lets `queueRun` queue a run, works it in this process (beside
 * any other worker), prints its progress until it ends and returns it as it
 * ended. A run that does not succeed sets a failing exit code.
 */
async function queueAndFollow(queueRun: (db: Db, boss: PgBoss) => Promise<string>, opts: FollowOptions): Promise<Run> {
  const given = opts.deps ?? {};
  const setExitCode = given.setExitCode ?? ((c: number) => (process.exitCode = c));
  return withQueue(
    given,
    async ({ db, queue }) => {
      const runId = await queueRun(db, queue);
      const worker = await startWorker(db, queue, 1, stages);
      try {
        return await follow(db, runId, opts.log ?? defaultLog, setExitCode);
      } finally {
        // a queue that outlives the command (it was given one) keeps no worker of the command's
        if (given.queue) await queue.offWork(STAGE_QUEUE, { id: worker });
      }
    },
    opts,
  );
}

async function follow(db: Db, runId: string, log: Log, setExitCode: (code: number) => void): Promise<Run> {
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
      setExitCode(EXIT_BUDGET);
      return run;
    }
    if (isEnded(run.status)) {
      if (run.message) log(run.message);
      const code = runExitCode(run);
      if (code) setExitCode(code);
      return run;
    }
    // worked by no one (this process's worker gave up on a lost database, say): say so and stop following
    if (run.status !== "queued" && (run.heartbeatAt?.getTime() ?? 0) < Date.now() - FOLLOW_GIVE_UP_MS) {
      log(
        `no worker has worked run ${runId} for ${Math.round(FOLLOW_GIVE_UP_MS / 1000)} s; it is left ${run.status} (cancel it, or start \`studio worker\` to resume it)`,
      );
      setExitCode(1);
      return run;
    }
  }
}

/** Queues a run of `kind` and follows it (see queueAndFollow); `--budget-usd`/`--budget-tokens` among the flags cap it. */
export async function runAndFollow(kind: RunKind, flags: unknown, opts: FollowOptions = {}): Promise<Run> {
  const { budget, config } = splitBudgetFlags(flags);
  return startAndFollow(kind, config, budget, opts);
}

/** Queues a run of `kind` with `config` and `budget` (both validated by startRun) and follows it. */
export async function startAndFollow(kind: RunKind, config: unknown, budget: RunBudget, opts: FollowOptions = {}): Promise<Run> {
  const log = opts.log ?? defaultLog;
  return queueAndFollow(async (db, boss) => {
    const started = await startRun(db, boss, { kind, config, budget });
    if (!started.ok) throw new Error(started.error);
    log(`run ${started.runId} queued (${kind})`);
    return started.runId;
  }, opts);
}

/**
 * Sends an ended run's failed and unfinished items back to the queue and
 * follows the run (see queueAndFollow). A `budget` sets the run's caps first;
 * a run paused at a budget resumes if its caps allow it now.
 */
export async function retryAndFollow(runId: string, budget: RunBudget = {}, opts: FollowOptions = {}): Promise<Run> {
  const log = opts.log ?? defaultLog;
  return queueAndFollow(async (db, boss) => {
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
  }, opts);
}
