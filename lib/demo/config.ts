import { z } from "zod";

// The demo stage's config, apart from the stage (see lib/jobs/stage-configs.ts).
export const demoConfigSchema = z.object({ seed: z.number().int().min(0).default(7) });
