import { defineStage, type StageContext } from "../jobs/types";
import { callsInFlight, forEachConcurrent, itemsInFlight, stageLimits } from "../jobs/concurrency";
import type { JudgeStageConfig } from "./config";
import { judgeGateway, judgeSandbox } from "./deps";
import type { JudgeGateway } from "./gateway";
import { judgeConfigHash, judgeTrajectory, type JudgeDeps } from "./judge";
import { targetIds } from "./targets";

/** The judge stage, given how to reach a gateway and a sandbox (the registered stage uses the real ones). */
export function createJudgeStage(makeDeps: (ctx: StageContext, config: JudgeStageConfig) => Promise<Omit<JudgeDeps, "db">> | Omit<JudgeDeps, "db">) {
  return defineStage({
    kind: "judge",
    async run(ctx, config) {
      const given = await makeDeps(ctx, config);
      const calls = callsInFlight(config);
      // Each trajectory may make `samples` calls at once: the call limit counts them all.
      const limits = stageLimits({ concurrency: config.concurrency * config.rubric.samples, batch: config.batch });
      const deps: JudgeDeps = { db: ctx.db, ...given, gateway: limitCalls(given.gateway, limits.call) };
      const judgeConfig = { rubric: config.rubric, filter: config.filter };
      const configHash = await judgeConfigHash(deps.gateway, judgeConfig);
      const ids = await targetIds(ctx.db, config.target, { configHash, judgeRunId: ctx.run.id, limit: config.limit });
      await ctx.setTotal(ids.length);
      await ctx.log(`Judging ${ids.length} trajectories with configuration ${configHash}`);
      // ctx.item records failures without throwing; what does throw (cancel, a lost database) stops the run.
      await forEachConcurrent(
        ids,
        calls === 1 ? 1 : itemsInFlight(calls), // 1: strictly one after the other
        async (id) => {
          await limits.work.run(() =>
            ctx.item(`${id}:${configHash}`, async () => {
              const out = await judgeTrajectory(deps, id, judgeConfig, { runId: ctx.run.id, signal: ctx.signal, configHash, cache: config.cache });
              return out.judgementId;
            }),
          );
        },
        ctx.signal,
      );
    },
  });
}

function limitCalls(gateway: JudgeGateway, slot: <R>(fn: () => Promise<R>) => Promise<R>): JudgeGateway {
  return {
    info: (role) => gateway.info(role),
    structured: ((role, request, callCtx) => slot(() => gateway.structured(role, request, callCtx))) as JudgeGateway["structured"],
  };
}

/** The registered stage: the studio's gateway (judge role) and lib/sandbox. */
export const judgeStage = createJudgeStage((ctx, config) => ({
  gateway: judgeGateway(ctx.db, config.batch ? { runId: ctx.run.id } : undefined),
  sandbox: judgeSandbox(),
}));
