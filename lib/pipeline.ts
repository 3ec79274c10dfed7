import { clusterStage } from "./catalog/stages/cluster";
import { embedStage } from "./catalog/stages/embed";
import { harvestStage } from "./catalog/stages/harvest";
import { qualityStage } from "./catalog/stages/quality";
import { exportStage } from "./datasets/stages/export";
import { importStage } from "./datasets/stages/import";
import { createDemoStage } from "./demo/stage";
import { judgeForkRun } from "./judge/fork-judging";
import { judgeStage } from "./judge/stage";
import { noopStage } from "./jobs/stage";
import { stageRegistry } from "./jobs/registry";
import { executeRun } from "./jobs/worker";
import { createSimulateStage } from "./simulation/stage";
import { synthesizeAgentsStage } from "./synthesis/stages/agents";
import { synthesizeTasksStage } from "./synthesis/stages/tasks";
import { synthesizeToolsStage } from "./synthesis/stages/tools";

// The composition root: every stage the worker can run, registered here and
// nowhere else. The worker entry points (the `studio worker` command, the CLI's
// in-process worker) and tests import it; no stage does, and starting a run
// validates its config against lib/jobs/stage-configs.ts without loading it.
export const stages = stageRegistry([
  noopStage,
  exportStage,
  importStage,
  synthesizeAgentsStage,
  synthesizeTasksStage,
  synthesizeToolsStage,
  // a fork run judges its forks as the demo judges its episodes, inside this worker
  createSimulateStage((ctx) => judgeForkRun(ctx, (db, runId) => executeRun(db, runId, { stages }))),
  judgeStage,
  harvestStage,
  qualityStage,
  embedStage,
  clusterStage,
  // the demo runs each step as a child run, inside the worker that runs it
  createDemoStage((db, runId) => executeRun(db, runId, { stages })),
]);
