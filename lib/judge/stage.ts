import { defineStage, type StageContext } from "../jobs/types";
import { createLimiter, forEachConcurrent, itemsInFlight } from "../jobs/concurrency";
import { judgeGateway, judgeSandbox } from "./deps";
import type { JudgeGateway } from "./gateway";
import { judgeConfigHash, judgeTrajectory, type JudgeDeps } from "./judge";
import { targetIds } from "./targets";

/** The judge stage, given how to reach a gateway and a sandbox (the registered stage uses the real ones). */
export function createJudgeStage(makeDeps: (ctx: StageContext) => Promise<Omit<JudgeDeps, "db">> | Omit<JudgeDeps, "db">) {
  return defineStage({
    kind: "judge",
    async run(ctx, config) {
      const given = await makeDeps(ctx);
      const deps: JudgeDeps = { db: ctx.db, ...given, gateway: limitCalls(given.gateway, config.concurrency * config.rubric.samples) };
      const judgeConfig = { rubric: config.rubric, filter: config.filter };
      const configHash = await judgeConfigHash(deps.gateway, judgeConfig);
      const ids = await targetIds(ctx.db, config.target, { configHash, judgeRunId: ctx.run.id, limit: config.limit });
      await ctx.setTotal(ids.length);
      await ctx.log(`Judging ${ids.length} trajectories with configuration ${configHash}`);
      // ctx.item records failures without throwing; what does throw (cancel, a lost database) stops the run.
      await forEachConcurrent(
        ids,
        config.concurrency === 1 ? 1 : itemsInFlight(config.concurrency), // 1: strictly one after the other
        async (id) => {
          await ctx.item(`${id}:${configHash}`, async () => {
            const out = await judgeTrajectory(deps, id, judgeConfig, { runId: ctx.run.id, signal: ctx.signal, configHash, cache: config.cache });
            return out.judgementId;
          });
        },
        ctx.signal,
      );
    },
  });
}

function limitCalls(gateway: JudgeGateway, limit: number): JudgeGateway {
  const slot = createLimiter(limit);
  return {
    info: (role) => gateway.info(role),
    structured: ((role, request, callCtx) => slot(() => gateway.structured(role, request, callCtx))) as JudgeGateway["structured"],
  };
}

/** The registered stage: the studio's gateway (judge role) and lib/sandbox. */
export const judgeStage = createJudgeStage((ctx) => ({ gateway: judgeGateway(ctx.db), sandbox: judgeSandbox() }));
