import { createDb, type RunKind } from "../db/client";
import { resolveDatabase } from "../db/connect";
import { migrate } from "../db/migrate";
import { startQueue } from "./queue";
import { startRun } from "./runs";
import { startWorker } from "./worker";

/**
 * For the CLI: queues a run, works it in this process (beside any other
 * worker), and prints its progress until it ends. A run that does not
 * succeed sets a failing exit code.
 */
export async function runAndFollow(kind: RunKind, config: unknown, log = (s: string) => console.log(`[studio] ${s}`)): Promise<void> {
  const { url, embedded } = await resolveDatabase({ start: true, log });
  await migrate(url);
  const db = createDb(url, { max: 8 });
  const boss = await startQueue(url);
  try {
    const started = await startRun(db, boss, { kind, config });
    if (!started.ok) throw new Error(started.error);
    log(`run ${started.runId} queued (${kind})`);
    await startWorker(db, boss, 1);
    let last = "";
    for (;;) {
      const run = await db.run.findUniqueOrThrow({ where: { id: started.runId } });
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
