import { z } from "zod";
import { dedupConfigSchema } from "../catalog/dedup";
import { qualityConfigSchema } from "../catalog/quality";
import { difficulties } from "./task-schemas";
import { CODE_LANGUAGES } from "./verifiable/code-problems";

/** The seed every synthesis stage draws from: the same seed, the same catalogue. */
const seedSchema = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1)
  .default(1);

// The synthesis stages' configs, apart from the stages, so that starting a run
// validates its config without loading the pipeline (see lib/jobs/stage-configs.ts).

export const agentSynthesisConfig = z
  .object({
    count: z.number().int().min(1).max(100_000).default(20),
    minCoreTools: z.number().int().min(1).max(64).default(3),
    maxCoreTools: z.number().int().min(1).max(64).default(8),
    /** core tools come from one up to this many related categories */
    maxCategories: z.number().int().min(1).max(3).default(3),
    /** distractor tools per core tool, from unrelated categories */
    distractorRatio: z.number().min(0).max(2).default(0.25),
    /** preferred share of synthetic tools among core and distractor tools */
    syntheticShare: z.number().min(0).max(1).default(0.5),
    /** word-trigram Jaccard at or above which two system prompts count as the same */
    promptSimilarity: z.number().min(0.5).max(1).default(0.9),
    seed: seedSchema,
    concurrency: z.number().int().min(1).max(256).default(8),
    cache: z.boolean().default(true),
    /** true: the generator's requests go through the endpoint's Batch API (half price, answers within 24 h) */
    batch: z.boolean().default(false),
  })
  .refine((c) => c.minCoreTools <= c.maxCoreTools, { message: "minCoreTools must not exceed maxCoreTools", path: ["minCoreTools"] });
export type AgentSynthesisConfig = z.infer<typeof agentSynthesisConfig>;

export const taskSynthesisConfig = z.object({
  /** agents to write tasks for; empty means every agent */
  agentIds: z.array(z.string().min(1)).max(100_000).default([]),
  /** tool-use tasks per agent; their difficulties take turns through `difficulties` */
  perAgent: z.number().int().min(0).max(50).default(5),
  difficulties: z
    .array(z.enum(difficulties))
    .min(1)
    .default([...difficulties]),
  /** share of tasks played with a simulated user rather than as one autonomous instruction */
  interactiveShare: z.number().min(0).max(1).default(0.7),
  codeTasksPerAgent: z.number().int().min(0).max(10).default(0),
  /** languages code tasks are posed in, drawn per task; Python tasks need the sandbox's bubblewrap */
  codeLanguages: z.array(z.enum(CODE_LANGUAGES)).min(1).default(["javascript"]),
  mathTasksPerAgent: z.number().int().min(0).max(10).default(0),
  seed: seedSchema,
  concurrency: z.number().int().min(1).max(256).default(8),
  cache: z.boolean().default(true),
  /** true: the generator's requests go through the endpoint's Batch API (half price, answers within 24 h) */
  batch: z.boolean().default(false),
});
export type TaskSynthesisConfig = z.infer<typeof taskSynthesisConfig>;

export const toolSynthesisConfig = z.object({
  /** categories to grow; empty means every category that holds tools */
  categoryIds: z.array(z.string().min(1)).max(10_000).default([]),
  /** accepted synthetic tools each category should hold; a rerun only makes up the difference */
  perCategory: z.number().int().min(1).max(2_000).default(20),
  /** a global target spread evenly over the categories (never above perCategory each) */
  total: z.number().int().min(1).max(500_000).nullable().default(null),
  domainsPerCategory: z.number().int().min(1).max(12).default(4),
  toolsPerCall: z.number().int().min(1).max(10).default(5),
  seedTools: z.number().int().min(0).max(30).default(8),
  /** embedding cosine at or above which a tool repeats one already in its category (the catalogue's default) */
  duplicateThreshold: z.number().min(0.5).max(1).default(dedupConfigSchema.parse({}).threshold),
  /** the catalogue's quality rules, as its quality stage takes them */
  thresholds: qualityConfigSchema.default(qualityConfigSchema.parse({})),
  seed: seedSchema,
  concurrency: z.number().int().min(1).max(256).default(8),
  cache: z.boolean().default(true),
  /** true: the generator's requests go through the endpoint's Batch API (half price, answers within 24 h) */
  batch: z.boolean().default(false),
});
export type ToolSynthesisConfig = z.infer<typeof toolSynthesisConfig>;
