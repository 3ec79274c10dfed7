import { z } from "zod";

// The trial stage's config, apart from the stage (see stage-configs.ts).
export const noopConfigSchema = z.object({
  steps: z.number().int().min(1).max(10_000).default(20),
  delayMs: z.number().int().min(0).max(10_000).default(100),
  /** Steps that fail, to see how a run with failed items ends. */
  failAt: z.array(z.number().int().min(0)).max(10_000).default([]),
});
