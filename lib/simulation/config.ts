import { z } from "zod";
import { environments, protocols } from "./options";

// An episode's settings and the simulate stage's config, apart from the stage,
// so that starting a run (or a form in the browser) validates it without
// loading the pipeline (see lib/jobs/stage-configs.ts).

export const episodeSettingsSchema = z.object({
  protocol: z.enum(protocols).default("native"),
  seed: z.number().int().min(0).default(0),
  /** share of simulated tool calls given an injected failure, partial result or edge case */
  failureRate: z.number().min(0).max(1).default(0),
  /** agent turns (model calls) before the episode stops */
  maxTurns: z.number().int().min(1).max(500).default(16),
  /** tokens over all the episode's calls (agent, user and tool simulators) */
  maxTokens: z.number().int().min(1).default(200_000),
  maxWallMs: z
    .number()
    .int()
    .min(1_000)
    .default(10 * 60_000),
  temperature: z.number().min(0).max(2).optional(),
  cache: z.boolean().optional(),
});
export type EpisodeSettings = z.infer<typeof episodeSettingsSchema>;

export const forkSpecSchema = z.object({
  trajectoryId: z.string().min(1),
  /** steps before this index are kept; simulation continues from here */
  atStep: z.number().int().min(1),
  protocol: z.enum(protocols).optional(),
  seed: z.number().int().min(0).optional(),
  failureRate: z.number().min(0).max(1).optional(),
  /** the agent's model for the fork; the configured agent model when absent */
  model: z.string().min(1).max(200).optional(),
  maxTurns: z.number().int().min(1).max(500).optional(),
  /** a reviewer's correction of the trajectory: the fork keeps its steps, the edit in place, instead of the original's */
  correctionId: z.string().min(1).max(64).optional(),
});
export type ForkSpec = z.infer<typeof forkSpecSchema>;

export const simulateConfigSchema = episodeSettingsSchema
  .omit({ protocol: true })
  .extend({
    taskIds: z.array(z.string().min(1)).max(100_000).optional(),
    agentIds: z.array(z.string().min(1)).max(10_000).optional(),
    all: z.boolean().default(false),
    /** at most this many tasks (the oldest first) */
    taskLimit: z.number().int().min(1).optional(),
    episodesPerTask: z.number().int().min(1).max(100).default(1),
    protocols: z.array(z.enum(protocols)).min(1).default(["native"]),
    /** the first episode's seed; episode e of a task uses seed + e */
    seed: episodeSettingsSchema.shape.seed,
    /** run every task in this environment instead of its own (say, mcp to use real servers) */
    environment: z.enum(environments).optional(),
    /** episodes in flight at once in this worker */
    concurrency: z.number().int().min(1).max(1024).default(64),
    forks: z.array(forkSpecSchema).max(1_000).optional(),
  })
  .refine((c) => c.all || c.taskIds?.length || c.agentIds?.length || c.forks?.length, {
    message: "choose tasks (taskIds), agents (agentIds), all tasks, or trajectories to fork",
  });
export type SimulateConfig = z.infer<typeof simulateConfigSchema>;
export type SimulateConfigInput = z.input<typeof simulateConfigSchema>;
