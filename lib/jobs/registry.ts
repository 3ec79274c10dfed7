import type { RunKind } from "../db/client";
import { clusterStage, embedStage, harvestStage, qualityStage } from "../catalog/stages";
import { exportStage } from "../datasets/export-stage";
import { importStage } from "../datasets/import/stage";
import { demoStage } from "../demo/stage";
import { judgeStage } from "../judge/stage";
import { simulateStage } from "../simulation/stage";
import { synthesizeAgentsStage } from "../synthesis/agents";
import { synthesizeTasksStage } from "../synthesis/tasks";
import { synthesizeToolsStage } from "../synthesis/tools";
import { noopStage } from "./noop-stage";
import type { Stage } from "./types";

// Every stage the worker can run. A stage module registers here, nowhere else.
const stages = [
  noopStage,
  exportStage,
  importStage,
  synthesizeAgentsStage,
  synthesizeTasksStage,
  synthesizeToolsStage,
  simulateStage,
  judgeStage,
  harvestStage,
  qualityStage,
  embedStage,
  clusterStage,
  demoStage,
];

// Each stage is typed by its own config; the registry only needs what they share.
export const stageRegistry = new Map<RunKind, Stage>(stages.map((s) => [s.kind, s as unknown as Stage]));

export function getStage(kind: RunKind): Stage {
  const stage = stageRegistry.get(kind);
  if (!stage) throw new Error(`No stage is registered for run kind "${kind}"`);
  return stage;
}
