import type { RunKind } from "../db/client";
import { runAndFollow } from "../jobs/follow";

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
    if (LISTS.has(key))
      out[key] = next
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
    else out[key] = next !== "" && Number.isFinite(Number(next)) ? Number(next) : next;
  }
  return out;
}

export async function runSynthesisFromCli(kind: RunKind, args: string[]): Promise<void> {
  await runAndFollow(kind, parseFlags(args));
}

export const synthesisCommands = {
  "synthesize-tools": {
    summary: "grow synthetic tools per category (--per-category N --total N --category-ids a,b --seed N --concurrency N --batch)",
    run: (args: string[]) => runSynthesisFromCli("synthesize_tools", args),
  },
  "synthesize-agents": {
    summary: "make agents from the catalogue (--count N --min-core-tools N --max-core-tools N --distractor-ratio R --synthetic-share R --seed N --batch)",
    run: (args: string[]) => runSynthesisFromCli("synthesize_agents", args),
  },
  "synthesize-tasks": {
    summary: "write tasks per agent (--per-agent N --difficulties a,b --code-tasks-per-agent N --math-tasks-per-agent N --agent-ids a,b --seed N --batch)",
    run: (args: string[]) => runSynthesisFromCli("synthesize_tasks", args),
  },
};
