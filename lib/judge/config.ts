import { z } from "zod";
import { filterSettingsSchema } from "./filter";
import { rubricSettingsSchema } from "./rubric";
import { judgeTargetSchema } from "./targets";

// The judge's configs, apart from the stage, so that starting a run validates
// its config without loading the pipeline (see lib/jobs/stage-configs.ts).

export const judgeConfigSchema = z.object({
  rubric: rubricSettingsSchema.default(rubricSettingsSchema.parse({})),
  filter: filterSettingsSchema.default(filterSettingsSchema.parse({})),
});
export type JudgeConfig = z.infer<typeof judgeConfigSchema>;

export const judgeStageConfigSchema = z.object({
  target: judgeTargetSchema.default({ kind: "unjudged", anyConfig: false }),
  ...judgeConfigSchema.shape,
  /**
   * trajectories with their model calls in flight at once (each may make
   * `rubric.samples` calls); above 1, twice as many are in progress, so that
   * while some read and write the database the others keep every call slot busy
   */
  concurrency: z.number().int().min(1).max(256).default(16),
  /** false: every judge call goes to the model, none is answered from the response cache */
  cache: z.boolean().default(true),
  /** true: the judge's requests go through the endpoint's Batch API (half price, answers within 24 h) */
  batch: z.boolean().default(false),
  /** judge at most this many of the target */
  limit: z.number().int().positive().optional(),
});
export type JudgeStageConfig = z.infer<typeof judgeStageConfigSchema>;
