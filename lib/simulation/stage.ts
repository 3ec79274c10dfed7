import { z } from "zod";
import type { Prisma } from "../db/client";
import { defineStage, type StageContext } from "../jobs/types";
import { createBatchedStepWriter, episodeKey } from "./episode-store";
import { environments, protocols } from "./options";
import { forkKey, forkSpecSchema, forkTrajectory } from "./fork";
import type { SimulationGateway } from "./gateway";
import { simulationGateway } from "./gateway-factory";
import { createTaskLoader } from "./load";
import { runPool } from "./pool";
import { runStoredEpisode } from "./simulate";

// The simulate stage: episodes for chosen tasks (by id, by agent, or all),
// several per task and per protocol, many in flight at once. Each episode is
// one run item keyed by its episode key, so a resumed run skips finished
// episodes and continues unfinished ones from their last stored step. Given
// `forks`, it re-simulates those trajectories instead.


export const simulateConfigSchema = z
  .object({
    taskIds: z.array(z.string().min(1)).max(100_000).optional(),
    agentIds: z.array(z.string().min(1)).max(10_000).optional(),
    all: z.boolean().default(false),
    /** at most this many tasks (the oldest first) */
    taskLimit: z.number().int().min(1).optional(),
    episodesPerTask: z.number().int().min(1).max(100).default(1),
    protocols: z.array(z.enum(protocols)).min(1).default(["native"]),
    /** the first episode's seed; episode e of a task uses seed + e */
    seed: z.number().int().min(0).default(0),
    failureRate: z.number().min(0).max(1).default(0),
    maxTurns: z.number().int().min(1).max(500).default(16),
    maxTokens: z.number().int().min(1).default(200_000),
    maxWallMs: z.number().int().min(1_000).default(10 * 60_000),
    temperature: z.number().min(0).max(2).optional(),
    cache: z.boolean().optional(),
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

async function selectTaskIds(ctx: StageContext, config: SimulateConfig): Promise<string[]> {
  const where: Prisma.TaskWhereInput = config.all
    ? {}
    : { OR: [...(config.taskIds?.length ? [{ id: { in: config.taskIds } }] : []), ...(config.agentIds?.length ? [{ agentId: { in: config.agentIds } }] : [])] };
  const rows = await ctx.db.task.findMany({ where, select: { id: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: config.taskLimit });
  return rows.map((r) => r.id);
}

/** `withAgentModel` gives the gateway for a fork that names another agent model. */
export async function runSimulation(
  ctx: StageContext,
  config: SimulateConfig,
  gateway: SimulationGateway,
  withAgentModel?: (model: string) => SimulationGateway,
): Promise<void> {
  const forModel = (model: string) => {
    if (!withAgentModel) throw new Error("this run cannot switch the agent's model");
    return withAgentModel(model);
  };
  if (config.forks?.length) {
    await ctx.setTotal(config.forks.length);
    await runPool(config.forks, config.concurrency, async (spec) => {
      const key = forkKey(ctx.run.id, spec);
      await ctx.item(key, async () => {
        const r = await forkTrajectory(ctx.db, spec.model ? forModel(spec.model) : gateway, spec, { runId: ctx.run.id, key, signal: ctx.signal });
        if (!r.ok) throw new Error(r.error);
        return r.id;
      });
    });
    return;
  }
  const taskIds = await selectTaskIds(ctx, config);
  const episodes = taskIds.flatMap((taskId) =>
    Array.from({ length: config.episodesPerTask }, (_, e) => config.protocols.map((protocol) => ({ taskId, seed: config.seed + e, protocol }))).flat(),
  );
  await ctx.setTotal(episodes.length);
  await ctx.log(`${episodes.length} episodes for ${taskIds.length} tasks`);
  const load = createTaskLoader(ctx.db, { environment: config.environment, order: taskIds, ahead: config.concurrency, keep: config.concurrency * 8 });
  const writer = createBatchedStepWriter(ctx.db);
  await runPool(episodes, config.concurrency, async ({ taskId, seed, protocol }) => {
    const key = episodeKey(ctx.run.id, taskId, seed, protocol);
    await ctx.item(key, async () => {
      const task = await load(taskId);
      const settings = { ...config, protocol, seed };
      const r = await runStoredEpisode(ctx.db, gateway, { task, settings, runId: ctx.run.id, key, signal: ctx.signal, writer });
      return r.id;
    });
  });
}

export const simulateStage = defineStage({
  kind: "simulate",
  title: "Simulate episodes",
  config: simulateConfigSchema,
  async run(ctx, config) {
    await runSimulation(ctx, config, simulationGateway(ctx.db), (agentModel) => simulationGateway(ctx.db, { agentModel }));
  },
});
