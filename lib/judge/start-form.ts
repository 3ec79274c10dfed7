import { z } from "zod";
import type { judgeStageConfigSchema } from "./config";

// What a person fills in to start judging (the Calibration page, the
// trajectory page): a target and the few settings worth a field. The rest of
// the stage config keeps its defaults.

export const judgeFormSchema = z
  .object({
    target: z.enum(["unjudged", "run", "ids"]),
    runId: z.string().trim().max(64).optional(),
    ids: z.array(z.string().min(1).max(64)).max(1_000).optional(),
    samples: z.coerce.number().int().min(1).max(9).default(1),
    minScore: z.coerce.number().min(0).max(1).default(0.6),
    skipRubricWhenRejected: z.boolean().default(false),
    /** through the endpoint's Batch API: half price, answers within 24 h */
    batch: z.boolean().default(false),
  })
  .refine((f) => f.target !== "run" || !!f.runId, { message: "Choose the simulate run to judge", path: ["runId"] })
  .refine((f) => f.target !== "ids" || (f.ids?.length ?? 0) > 0, { message: "Name at least one trajectory", path: ["ids"] });
export type JudgeForm = z.input<typeof judgeFormSchema>;

export function judgeStageConfigFromForm(form: z.infer<typeof judgeFormSchema>): z.input<typeof judgeStageConfigSchema> {
  const target =
    form.target === "run"
      ? { kind: "run" as const, runId: form.runId! }
      : form.target === "ids"
        ? { kind: "ids" as const, ids: form.ids! }
        : { kind: "unjudged" as const };
  return {
    target,
    // several samples only differ when sampled with some temperature
    rubric: { samples: form.samples, temperature: form.samples > 1 ? 0.7 : 0 },
    filter: { minScore: form.minScore, skipRubricWhenRejected: form.skipRubricWhenRejected },
    batch: form.batch,
  };
}
