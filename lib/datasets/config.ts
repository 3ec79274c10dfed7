import { z } from "zod";
import { formatIdSchema } from "./formats/types";

// The export and import stages' configs, apart from the stages, so that starting
// a run validates its config without loading the pipeline (see lib/jobs/stage-configs.ts).

const DATASET_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/i;

/** The effective verdict to export; "any" takes every trajectory. */
export const exportVerdictSchema = z.enum(["accepted", "rejected", "any"]);
export type ExportVerdict = z.infer<typeof exportVerdictSchema>;

export const selectionSchema = z.object({
  verdict: exportVerdictSchema.default("accepted"),
  runIds: z.array(z.string().min(1).max(64)).max(1000).default([]),
  agentIds: z.array(z.string().min(1).max(64)).max(1000).default([]),
  ids: z.array(z.string().min(1).max(64)).max(100_000).default([]),
  /** only episodes of tasks whose success rate (accepted ÷ judged episodes) lies in [min, max]: aim a dataset at what the model can almost do */
  taskSuccess: z
    .object({ min: z.number().min(0).max(1), max: z.number().min(0).max(1) })
    .refine((b) => b.min <= b.max, "the task success band's min is above its max")
    .optional(),
});
export type Selection = z.infer<typeof selectionSchema>;

export const exportConfigSchema = z.object({
  name: z.string().regex(DATASET_NAME, "a dataset name is letters, digits, '.', '_' or '-' (at most 64), starting with a letter or digit"),
  format: formatIdSchema.default("openai"),
  filter: selectionSchema.prefault({}),
  /** share of tasks held out for validation; 0 writes train.jsonl only */
  validationFraction: z.number().min(0).max(0.5).default(0),
  seed: z.string().min(1).max(64).default("studio"),
  dedup: z.boolean().default(false),
});
export type ExportConfig = z.infer<typeof exportConfigSchema>;
export type ExportConfigInput = z.input<typeof exportConfigSchema>;

export const importConfigSchema = z.object({
  /** the uploaded JSONL or JSON file in the artifact store (lib/artifacts); the run removes it when it ends */
  artifactId: z.string().min(1).max(64),
  /** the file's name, for messages */
  name: z.string().min(1).max(200),
});
