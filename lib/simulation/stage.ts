import type { Prisma } from "../db/client";
import { forEachConcurrent } from "../jobs/concurrency";
import { defineStage, type StageContext } from "../jobs/types";
import { createStepWriter } from "../trajectory/store";
import type { SimulateConfig } from "./config";
import { forkKey, forkTrajectory } from "./fork";
import type { SimulationGateway } from "./gateway";
import { simulationGateway } from "./gateway-factory";
import { createTaskLoader } from "./load";
import { episodeKey, runStoredEpisode } from "./simulate";

// The simulate stage: episodes for chosen tasks (by id, by agent, or all),
// several per task and per protocol, many in flight at once. Each episode is
// one run item keyed by its episode key, so a resumed run skips finished
// episodes and continues unfinished ones from their last stored step. Given
// `forks`, it re-simulates those trajectories instead.

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
    await forEachConcurrent(config.forks, config.concurrency, async (spec) => {
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
  const writer = createStepWriter(ctx.db);
  await forEachConcurrent(episodes, config.concurrency, async ({ taskId, seed, protocol }) => {
    const key = episodeKey(ctx.run.id, taskId, seed, protocol);
    await ctx.item(key, async () => {
      const task = await load(taskId);
      const settings = { ...config, protocol, seed };
      const r = await runStoredEpisode(ctx.db, gateway, { task, settings, runId: ctx.run.id, key, signal: ctx.signal, writer });
      return r.id;
    });
  });
}

/**
 * The simulate stage; `afterForks` runs once a fork run has simulated its
 * forks (the composition root has it judge them, lib/judge/fork-judging.ts).
 */
export function createSimulateStage(afterForks?: (ctx: StageContext) => Promise<void>) {
  return defineStage({
    kind: "simulate",
    async run(ctx, config) {
      await runSimulation(ctx, config, simulationGateway(ctx.db), (agentModel) => simulationGateway(ctx.db, { agentModel }));
      if (config.forks?.length && afterForks) await afterForks(ctx);
    },
  });
}

export const simulateStage = createSimulateStage();
