import type { Db, Prisma } from "../db/client";
import { workChildRun, type RunChild } from "../jobs/child-run";
import type { StageContext } from "../jobs/types";
import { judgeConfigSchema, type JudgeConfig } from "./config";

// A fork is judged like every other simulated trajectory: when a fork run
// has simulated its forks, a judge run over that run's trajectories works
// inside the same worker (as the demo runs its steps), so the fork run ends
// once its forks carry a verdict. The judge uses the configuration that
// judged the first fork's parent, so a fork and its parent are compared by
// the same rules; the judge's defaults when the parent was never judged.

/** The rubric and filter settings of the judge run that last judged a parent of this run's forks. */
export async function parentJudgeConfig(db: Db, forkRunId: string): Promise<Partial<JudgeConfig>> {
  const fork = await db.trajectory.findFirst({
    where: { runId: forkRunId, parentId: { not: null } },
    select: { parentId: true },
    orderBy: { createdAt: "asc" },
  });
  if (!fork?.parentId) return {};
  const judgement = await db.judgement.findFirst({
    where: { trajectoryId: fork.parentId, runId: { not: null } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { run: { select: { config: true } } },
  });
  const parsed = judgeConfigSchema.safeParse(judgement?.run?.config ?? {});
  return parsed.success ? parsed.data : {};
}

/**
 * Judges the trajectories a fork run made, through a child judge run worked
 * to its end in this process by `runChild` (the worker's executeRun). A
 * resumed fork run finds its judge run again instead of starting another.
 */
export async function judgeForkRun(ctx: StageContext, runChild: RunChild): Promise<void> {
  const forkRunId = ctx.run.id;
  const child =
    (await ctx.db.run.findFirst({ where: { kind: "judge", config: { path: ["forkRunId"], equals: forkRunId } } })) ??
    (await ctx.db.run.create({
      data: {
        kind: "judge",
        config: {
          ...(await parentJudgeConfig(ctx.db, forkRunId)),
          target: { kind: "run", runId: forkRunId },
          concurrency: 4,
          forkRunId,
        } as Prisma.InputJsonValue,
        createdById: ctx.run.createdById,
      },
    }));
  await workChildRun(ctx, child, runChild);
  const done = await ctx.db.run.findUniqueOrThrow({ where: { id: child.id }, select: { status: true, message: true } });
  await ctx.log(`Judged the forks in run ${child.id}: ${done.status}${done.message ? ` (${done.message})` : ""}`);
}
