import { createDb } from "../db/client";
import { resolveDatabase } from "../db/connect";
import { migrate } from "../db/migrate";
import { startQueue } from "../jobs/queue";
import { startRun } from "../jobs/runs";
import { startWorker } from "../jobs/worker";
import { parseFlags } from "../synthesis/cli";

// `npm run studio -- simulate --all --protocols native,react --episodes-per-task 2`
// and `npm run studio -- fork --trajectory-id X --at-step 4 --protocol react`:
// the run is queued like one started from the UI, and this process works it
// and prints its progress until it ends.

const LISTS = ["taskIds", "agentIds", "protocols"];

/** Flags → the simulate stage's config (the stage's schema validates it). */
export function simulateConfigFromFlags(args: string[]): Record<string, unknown> {
  const flags = parseFlags(args);
  for (const key of LISTS) {
    const v = flags[key];
    if (typeof v === "string") flags[key] = v.split(",").map((s) => s.trim()).filter(Boolean);
  }
  return flags;
}

/** Flags of one fork → a simulate run that makes it. */
export function forkConfigFromFlags(args: string[]): Record<string, unknown> {
  const { concurrency, ...spec } = parseFlags(args);
  return { forks: [spec], ...(concurrency !== undefined ? { concurrency } : {}) };
}

async function queueAndFollow(config: Record<string, unknown>, log: (s: string) => void): Promise<void> {
  const { url, embedded } = await resolveDatabase({ start: true, log });
  await migrate(url);
  const db = createDb(url, { max: 8 });
  const boss = await startQueue(url);
  try {
    const started = await startRun(db, boss, { kind: "simulate", config });
    if (!started.ok) throw new Error(started.error);
    log(`run ${started.runId} queued (simulate)`);
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

const log = (s: string) => console.log(`[studio] ${s}`);

export const simulationCommands = {
  simulate: {
    summary:
      "simulate episodes (--all | --task-ids a,b | --agent-ids a,b; --protocols native,react --episodes-per-task N --failure-rate R --seed N --max-turns N --environment simulated|mcp|code|math --concurrency N)",
    run: (args: string[]) => queueAndFollow(simulateConfigFromFlags(args), log),
  },
  fork: {
    summary: "re-simulate a trajectory from a step (--trajectory-id X --at-step K; --protocol native|react --seed N --failure-rate R --model M)",
    run: (args: string[]) => queueAndFollow(forkConfigFromFlags(args), log),
  },
};
