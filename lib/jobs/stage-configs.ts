import type { z } from "zod";
import type { RunKind } from "../db/client";
import { clusterStageConfigSchema, embedStageConfigSchema, harvestConfigSchema, qualityStageConfigSchema } from "../catalog/config";
import { exportConfigSchema, importConfigSchema } from "../datasets/config";
import { demoConfigSchema } from "../demo/config";
import { judgeStageConfigSchema } from "../judge/config";
import { simulateConfigSchema } from "../simulation/config";
import { agentSynthesisConfig, taskSynthesisConfig, toolSynthesisConfig } from "../synthesis/config";
import { noopConfigSchema } from "./config";

/**
 * Each run kind's config schema. Starting a run validates against it without
 * loading any stage; a stage takes its config from here (see defineStage), and
 * the stages themselves are put together in lib/pipeline.ts.
 */
export const stageConfigs = {
  noop: noopConfigSchema,
  harvest: harvestConfigSchema,
  quality: qualityStageConfigSchema,
  embed: embedStageConfigSchema,
  cluster: clusterStageConfigSchema,
  synthesize_tools: toolSynthesisConfig,
  synthesize_agents: agentSynthesisConfig,
  synthesize_tasks: taskSynthesisConfig,
  simulate: simulateConfigSchema,
  judge: judgeStageConfigSchema,
  export: exportConfigSchema,
  import: importConfigSchema,
  demo: demoConfigSchema,
} satisfies Record<RunKind, z.ZodType>;

export type StageConfigSchema<K extends RunKind> = (typeof stageConfigs)[K];
export type StageConfig<K extends RunKind> = z.infer<StageConfigSchema<K>>;
