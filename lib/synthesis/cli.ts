import { createDb, type RunKind } from "../db/client";
import { resolveDatabase } from "../db/connect";
import { migrate } from "../db/migrate";
import { startQueue } from "../jobs/queue";
import { startRun } from "../jobs/runs";
import { startWorker } from "../jobs/worker";

// `npm run studio -- synthesize-tools --per-category 20 --seed 7` and friends:
// the run is queued like one started from the UI, and this process works it
// (alongside any other worker) and prints its progress until it ends.

const LISTS = new Set(["categoryIds", "agentIds", "difficulties"]);

const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** `--per-category 5 --no-cache --agent-ids a,b` → { perCategory: 5, cache: false, agentIds: ["a","b"] }; the stage's schema validates. */
export function parseFlags(args: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith("--")) throw new Error(`unexpected argument "${arg}" (options look like --name value)`);
    if (arg.startsWith("--no-")) {
      out[camel(arg.slice(5))] = false;
      continue;
    }
    const key = camel(arg.slice(2));
    const next = args[i + 1];
    if (next === undefined || next.startsWith("--")) {
      out[key] = true;
      continue;
    }
    i++;
    if (LISTS.has(key)) out[key] = next.split(",").map((s) => s.trim()).filter(Boolean);
    else out[key] = next !== "" && Number.isFinite(Number(next)) ? Number(next) : next;
  }
  return out;
}

export async function runSynthesisFromCli(kind: RunKind, args: string[], log = (s: string) => console.log(`[studio] ${s}`)): Promise<void> {
  const config = parseFlags(args);
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

export const synthesisCommands = {
  "synthesize-tools": {
    summary: "grow synthetic tools per category (--per-category N --total N --category-ids a,b --seed N --concurrency N)",
    run: (args: string[]) => runSynthesisFromCli("synthesize_tools", args),
  },
  "synthesize-agents": {
    summary: "make agents from the catalogue (--count N --min-core-tools N --max-core-tools N --distractor-ratio R --synthetic-share R --seed N)",
    run: (args: string[]) => runSynthesisFromCli("synthesize_agents", args),
  },
  "synthesize-tasks": {
    summary: "write tasks per agent (--per-agent N --difficulties a,b --code-tasks-per-agent N --math-tasks-per-agent N --agent-ids a,b --seed N)",
    run: (args: string[]) => runSynthesisFromCli("synthesize_tasks", args),
  },
};
