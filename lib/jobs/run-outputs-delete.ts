import "server-only";
import type { Result } from "../actions/result";
import type { Db, Prisma } from "../db/client";
import { isEnded } from "./run-status";

// Deleting what a finished run made, where nothing else stands on it. People's
// work is never taken with it: a trajectory someone reviewed, compared in a
// preference, queued for review or forked stays, and so does a task or agent
// that has episodes or tasks of its own (whichever run made them). Judgements,
// categories, dataset versions and real tools are never deleted here: verdicts,
// the tool map and exported files are derived from them. Each deletion is
// recorded on the run (who, when, why, how many).

export type OutputKind = "trajectories" | "tasks" | "agents";
export type DeletionPlan = {
  runId: string;
  ended: boolean;
  deletable: Record<OutputKind, number>;
  kept: { kind: string; count: number; reason: string }[];
};
export type DeletionRecord = { at: string; by: string; reason: string; deleted: Record<OutputKind, number> };

const safeTrajectories = (runId: string): Prisma.TrajectoryWhereInput => ({
  runId,
  reviews: { none: {} },
  preferredAsA: { none: {} },
  preferredAsB: { none: {} },
  assignments: { none: {} },
  forks: { none: {} },
});
const safeTasks = (runId: string): Prisma.TaskWhereInput => ({ runId, trajectories: { none: {} } });
const safeAgents = (runId: string): Prisma.AgentWhereInput => ({ runId, tasks: { none: {} }, trajectories: { none: {} } });

/** What deleting the run's outputs would take and what it would keep, with why; shown in the confirmation. */
export async function planRunOutputDeletion(db: Db, runId: string): Promise<DeletionPlan | null> {
  const run = await db.run.findUnique({ where: { id: runId }, select: { status: true } });
  if (!run) return null;
  const [trajectories, allTrajectories, tasks, allTasks, agents, allAgents, judgements, categories, datasets, tools] = await Promise.all([
    db.trajectory.count({ where: safeTrajectories(runId) }),
    db.trajectory.count({ where: { runId } }),
    db.task.count({ where: safeTasks(runId) }),
    db.task.count({ where: { runId } }),
    db.agent.count({ where: safeAgents(runId) }),
    db.agent.count({ where: { runId } }),
    db.judgement.count({ where: { runId } }),
    db.category.count({ where: { runId } }),
    db.dataset.count({ where: { runId } }),
    db.tool.count({ where: { runId } }),
  ]);
  const kept = [
    { kind: "trajectories", count: allTrajectories - trajectories, reason: "reviewed, in a preference or review queue, or forked" },
    { kind: "tasks", count: allTasks - tasks, reason: "they have episodes" },
    { kind: "agents", count: allAgents - agents, reason: "they have tasks or episodes" },
    { kind: "judgements", count: judgements, reason: "verdicts are derived from them" },
    { kind: "categories", count: categories, reason: "the tool map is built on them" },
    { kind: "dataset versions", count: datasets, reason: "exported files are not deleted from here" },
    { kind: "tools", count: tools, reason: "agents and their provenance refer to tools" },
  ].filter((k) => k.count > 0);
  return { runId, ended: isEnded(run.status), deletable: { trajectories, tasks, agents }, kept };
}

/** How many of each kind of output a deletion removed. */
export type OutputsDeleted = { deleted: Record<OutputKind, number> };

/**
 * Deletes the run's safe outputs (see planRunOutputDeletion) in one
 * transaction, and records who did it and why on the run. The safe sets are
 * read again inside the transaction, so a review written meanwhile keeps its
 * trajectory.
 */
export async function deleteRunOutputs(db: Db, runId: string, by: { name: string; reason: string }, now = new Date()): Promise<Result<OutputsDeleted>> {
  return db.$transaction(async (tx) => {
    const run = await tx.run.findUnique({ where: { id: runId }, select: { status: true, outputsDeleted: true } });
    if (!run) return { ok: false as const, error: "No such run" };
    if (!isEnded(run.status)) return { ok: false as const, error: `A ${run.status} run is still making outputs: cancel it or wait until it ends` };
    // lock the run's row: two deletions of one run record one after the other
    await tx.$executeRaw`select 1 from "Run" where id = ${runId} for update`;
    const trajectories = (await tx.trajectory.deleteMany({ where: safeTrajectories(runId) })).count;
    const tasks = (await tx.task.deleteMany({ where: safeTasks(runId) })).count;
    const agents = (await tx.agent.deleteMany({ where: safeAgents(runId) })).count;
    const deleted = { trajectories, tasks, agents };
    const record: DeletionRecord = { at: now.toISOString(), by: by.name, reason: by.reason, deleted };
    const history = Array.isArray(run.outputsDeleted) ? (run.outputsDeleted as DeletionRecord[]) : [];
    await tx.run.update({ where: { id: runId }, data: { outputsDeleted: [...history, record] as unknown as Prisma.InputJsonValue } });
    return { ok: true as const, deleted };
  });
}
