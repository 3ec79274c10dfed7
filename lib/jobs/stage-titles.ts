import type { RunKind } from "../db/client";

/**
 * What each run kind is called wherever a run is shown. A leaf module (no
 * stage code), so pages and the CLI can name a run without loading the
 * pipeline; defineStage takes a stage's title from here.
 */
export const STAGE_TITLES = {
  noop: "Trial run",
  harvest: "Harvest tool sources",
  quality: "Filter tools by quality",
  embed: "Embed tools and find duplicates",
  cluster: "Cluster tools into categories",
  synthesize_tools: "Synthesize tools",
  synthesize_agents: "Synthesize agents",
  synthesize_tasks: "Synthesize tasks",
  simulate: "Simulate episodes",
  judge: "Judge trajectories",
  export: "Export a dataset",
  import: "Import trajectories",
  demo: "Demo workspace",
} satisfies Record<RunKind, string>;

/** The title of a run kind; a kind this build does not know is shown as stored. */
export function stageTitle(kind: string): string {
  return (STAGE_TITLES as Record<string, string>)[kind] ?? kind;
}
