import { z } from "zod";
import { ToolOrigin } from "../db/generated/enums";
import { namingSchema } from "./category-names";
import { dedupConfigSchema } from "./dedup";
import { qualityConfigSchema } from "./quality";
import { clusterConfigSchema } from "./space/cluster";

// The catalogue stages' configs, apart from the stages, so that starting a run
// validates its config without loading the pipeline (see lib/jobs/stage-configs.ts).

export const harvestConfigSchema = z.object({
  /** sources to harvest; empty means every source (the built-in ones are created first) */
  sourceIds: z.array(z.string().min(1)).max(1_000).default([]),
  concurrency: z.number().int().min(1).max(16).default(4),
});
export type HarvestConfig = z.infer<typeof harvestConfigSchema>;

export const qualityStageConfigSchema = z.object({
  /** pending: tools not judged since their spec last changed; all: every tool again */
  scope: z.enum(["pending", "all"]).default("pending"),
  origins: z.array(z.enum(ToolOrigin)).min(1).default(["real"]),
  /** also ask the judge role to grade clarity and usefulness */
  llm: z.boolean().default(false),
  concurrency: z.number().int().min(1).max(64).default(4),
  batchSize: z.number().int().min(1).max(5_000).default(500),
  thresholds: qualityConfigSchema.default(qualityConfigSchema.parse({})),
});
export type QualityStageConfig = z.infer<typeof qualityStageConfigSchema>;

export const embedStageConfigSchema = z.object({
  batchSize: z.number().int().min(1).max(2_048).default(256),
  dedup: dedupConfigSchema.default(dedupConfigSchema.parse({})),
});
export type EmbedStageConfig = z.infer<typeof embedStageConfigSchema>;

export const clusterStageConfigSchema = clusterConfigSchema.extend({
  /** auto: the generator role names categories when a model serves it, else their distinctive words */
  naming: namingSchema.default("auto"),
  batchSize: z.number().int().min(100).max(20_000).default(2_000),
});
export type ClusterStageConfig = z.infer<typeof clusterStageConfigSchema>;
