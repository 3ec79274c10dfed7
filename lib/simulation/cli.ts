import { runAndFollow } from "../jobs/follow";
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
    if (typeof v === "string")
      flags[key] = v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
  }
  return flags;
}

/** Flags of one fork → a simulate run that makes it; `--budget-usd`/`--budget-tokens` stay run flags (runAndFollow takes them out). */
export function forkConfigFromFlags(args: string[]): Record<string, unknown> {
  const { concurrency, budgetUsd, budgetTokens, ...spec } = parseFlags(args);
  const run = { concurrency, budgetUsd, budgetTokens };
  return { forks: [spec], ...Object.fromEntries(Object.entries(run).filter(([, v]) => v !== undefined)) };
}

export const simulationCommands = {
  simulate: {
    summary:
      "simulate episodes (--all | --task-ids a,b | --agent-ids a,b; --protocols native,react --episodes-per-task N --failure-rate R --seed N --max-turns N --environment simulated|mcp|code|math --concurrency N)",
    run: (args: string[]) => runAndFollow("simulate", simulateConfigFromFlags(args)),
  },
  fork: {
    summary:
      "re-simulate a trajectory from a step (--trajectory-id X --at-step K; --protocol native|react --seed N --failure-rate R --model M --budget-usd N --budget-tokens N)",
    run: (args: string[]) => runAndFollow("simulate", forkConfigFromFlags(args)),
  },
};
