import type { RunKind } from "../db/client";

export type DemoStep = { kind: RunKind; title: string; config: Record<string, unknown> };

/**
 * The whole pipeline at a size that runs in a minute or two on the offline
 * provider: harvest of the built-in MCP servers → quality → embed → cluster →
 * synthetic tools → agents → tasks (with code and math ones) → episodes in
 * both protocols, with simulated tools and with a real MCP server → judge.
 */
export function demoPlan(seed: number): DemoStep[] {
  return [
    { kind: "harvest", title: "Harvest the built-in MCP servers", config: {} },
    { kind: "quality", title: "Filter tool specs by quality", config: {} },
    { kind: "embed", title: "Embed and deduplicate tools", config: {} },
    { kind: "cluster", title: "Cluster tools into categories", config: { seed } },
    { kind: "synthesize_tools", title: "Synthesize tools per category", config: { perCategory: 6, seed } },
    { kind: "synthesize_agents", title: "Synthesize agents", config: { count: 6, seed } },
    {
      kind: "synthesize_tasks",
      title: "Synthesize tasks with rubrics and personas",
      config: { perAgent: 3, codeTasksPerAgent: 1, mathTasksPerAgent: 1, seed },
    },
    { kind: "simulate", title: "Simulate episodes in both protocols", config: { all: true, protocols: ["native", "react"], seed, failureRate: 0.1 } },
    { kind: "simulate", title: "Simulate episodes on a real MCP server", config: { all: true, taskLimit: 4, environment: "mcp", seed: seed + 1000 } },
    // the offline provider's rubric scores are filler: recorded, but the verdict rests on rules, execution and the world's state
    { kind: "judge", title: "Judge every trajectory", config: { unjudged: true, filter: { requiredLayers: ["rules", "execution", "state"] } } },
  ];
}
