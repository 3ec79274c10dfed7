import { parseArgs } from "node:util";
import { createDb } from "../db/client";
import { resolveDatabase } from "../db/connect";
import { startQueue } from "../jobs/queue";
import { startRun } from "../jobs/runs";
import { resetWorkspace } from "./reset";

/** `studio demo [--reset] [--seed N]`: queues a run that builds the demo workspace (a worker runs it). */
export async function demoCommand(args: string[]) {
  const { values } = parseArgs({ args, options: { reset: { type: "boolean", default: false }, seed: { type: "string", default: "7" } } });
  const { url, embedded } = await resolveDatabase({ start: false });
  const db = createDb(url, { max: 2 });
  const boss = await startQueue(url, { supervise: false });
  try {
    if (values.reset) {
      await resetWorkspace(db);
      console.log("workspace cleared (people and settings kept)");
    }
    const started = await startRun(db, boss, { kind: "demo", config: { seed: Number(values.seed) } });
    if (!started.ok) throw new Error(started.error);
    console.log(`demo run ${started.runId} queued; follow it on the Runs page`);
  } finally {
    await boss.stop({ graceful: false, timeout: 1000 });
    await db.$disconnect();
    await embedded?.stop();
  }
}
