import { z } from "zod";
import { EPISODE_ENDED } from "../trajectory/ended";
import type { Db, Prisma } from "../db/client";

// Which trajectories a judge run takes: those of a simulate run, a filter,
// explicit ids, or everything not yet judged by this configuration.

const verdictOrNone = z.enum(["accepted", "rejected", "none"]);

export const trajectoryFilterSchema = z
  .object({
    runId: z.string().min(1).optional(),
    taskId: z.string().min(1).optional(),
    agentId: z.string().min(1).optional(),
    environment: z.enum(["simulated", "mcp", "code", "math"]).optional(),
    judgeVerdict: verdictOrNone.optional(),
    humanVerdict: verdictOrNone.optional(),
    tag: z.string().min(1).optional(),
    imported: z.boolean().optional(),
    createdAfter: z.coerce.date().optional(),
    createdBefore: z.coerce.date().optional(),
  })
  .strict();
export type TrajectoryFilter = z.infer<typeof trajectoryFilterSchema>;

export const judgeTargetSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("run"), runId: z.string().min(1) }).strict(),
  z.object({ kind: z.literal("ids"), ids: z.array(z.string().min(1)).min(1).max(200_000) }).strict(),
  z.object({ kind: z.literal("filter"), filter: trajectoryFilterSchema }).strict(),
  /** not yet judged by this configuration, or, with anyConfig, not judged at all */
  z.object({ kind: z.literal("unjudged"), anyConfig: z.boolean().default(false) }).strict(),
]);
export type JudgeTarget = z.infer<typeof judgeTargetSchema>;

const verdictWhere = (v: "accepted" | "rejected" | "none" | undefined) => (v === undefined ? undefined : v === "none" ? null : v);

export function filterWhere(f: TrajectoryFilter): Prisma.TrajectoryWhereInput {
  return {
    runId: f.runId,
    taskId: f.taskId,
    agentId: f.agentId,
    environment: f.environment,
    judgeVerdict: verdictWhere(f.judgeVerdict),
    humanVerdict: verdictWhere(f.humanVerdict),
    imported: f.imported,
    ...(f.tag ? { tags: { has: f.tag } } : {}),
    ...(f.createdAfter || f.createdBefore ? { createdAt: { gte: f.createdAfter, lt: f.createdBefore } } : {}),
  };
}

/**
 * The ids a run judges, oldest first. For "unjudged", trajectories this run
 * has already judged stay in the list, so a resumed run keeps its total.
 */
export async function targetIds(db: Db, target: JudgeTarget, ctx: { configHash: string; judgeRunId: string; limit?: number }): Promise<string[]> {
  let where: Prisma.TrajectoryWhereInput;
  switch (target.kind) {
    case "run":
      where = { runId: target.runId };
      break;
    case "ids":
      where = { id: { in: target.ids } };
      break;
    case "filter":
      where = filterWhere(target.filter);
      break;
    case "unjudged":
      where = {
        OR: [{ judgements: { none: target.anyConfig ? {} : { configHash: ctx.configHash } } }, { judgements: { some: { runId: ctx.judgeRunId } } }],
      };
      break;
  }
  const rows = await db.trajectory.findMany({
    where: { AND: [where, EPISODE_ENDED] },
    select: { id: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: ctx.limit,
  });
  return rows.map((r) => r.id);
}
