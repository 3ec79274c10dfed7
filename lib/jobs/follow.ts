import type { PgBoss } from "pg-boss";
import { createDb, type Db, type RunKind } from "../db/client";
import { resolveDatabase } from "../db/connect";
import { migrate } from "../db/migrate";
import { startQueue } from "./queue";
import { retryFailedItems, startRun } from "./runs";
import { startWorker } from "./worker";

type Log = (s: string) => void;
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
    await startWorker(db, boss, 1);
    let last = "";
    for (;;) {
      const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
      const line = `${run.status} ${run.done + run.failed}/${run.total}${run.failed ? ` (${run.failed} failed)` : ""}`;
      if (line !== last) log((last = line));
      if (run.status !== "queued" && run.status !== "running") {
        if (run.message) log(run.message);
        if (run.status !== "succeeded") process.exitCode = 1;
        break;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    await boss.stop({ graceful: true, timeout: 5000 }).catch(() => {});
    await db.$disconnect();
    await embedded?.stop();
  }
}

/** Queues a run of `kind` and follows it (see queueAndFollow). */
export async function runAndFollow(kind: RunKind, config: unknown, log = defaultLog): Promise<void> {
  await queueAndFollow(async (db, boss) => {
    const started = await startRun(db, boss, { kind, config });
    if (!started.ok) throw new Error(started.error);
    log(`run ${started.runId} queued (${kind})`);
    return started.runId;
  }, log);
}

/** Sends a finished run's failed items back to the queue and follows the run (see queueAndFollow). */
export async function retryAndFollow(runId: string, log = defaultLog): Promise<void> {
  await queueAndFollow(async (db, boss) => {
    const retried = await retryFailedItems(db, boss, runId);
    if (!retried.ok) throw new Error(retried.error);
    log(`run ${runId}: ${retried.items} failed item${retried.items === 1 ? "" : "s"} queued again`);
    return runId;
  }, log);
}
