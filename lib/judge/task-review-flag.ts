import type { Blame, Db, Prisma } from "../db/client";
import { BLAME_LABELS } from "./blames";

// A task or simulator blamed for more than one episode of a task casts doubt
// on the task's other episodes too: an accepted one may have passed through
// the same faulty simulator or ambiguous task. The task then carries a
// review flag with the reason, and the trajectory list can pick its other
// episodes (those not blamed on that party themselves) for review.

/** Parties other than the agent whose repeated failure flags a task. */
export const TASK_PARTIES = ["task", "user_simulator", "tool_simulator"] as const satisfies readonly Blame[];

/** Blamed this many times, a party flags the task. */
export const FLAG_AFTER = 2;

/** The reason a task is flagged, from how often each party was blamed for its episodes; null when none reached the threshold. */
export function reviewFlagReason(counts: Partial<Record<Blame, number>>): string | null {
  const parts = TASK_PARTIES.filter((p) => (counts[p] ?? 0) >= FLAG_AFTER).map((p) => `${BLAME_LABELS[p]} ${counts[p]} times`);
  return parts.length ? `Episodes of this task were blamed on ${parts.join(" and on ")}: review its other episodes.` : null;
}

/** Recounts the blame of a task's episodes (their latest judgement) and sets or clears its flag. Call in the transaction that judged one of them. */
export async function refreshTaskReviewFlag(db: Pick<Db, "trajectory" | "task">, taskId: string): Promise<string | null> {
  const groups = await db.trajectory.groupBy({ by: ["blame"], where: { taskId, blame: { in: [...TASK_PARTIES] } }, _count: { _all: true } });
  const counts = Object.fromEntries(groups.map((g) => [g.blame, g._count._all])) as Partial<Record<Blame, number>>;
  const reviewFlag = reviewFlagReason(counts);
  await db.task.update({ where: { id: taskId }, data: { reviewFlag } });
  return reviewFlag;
}

/** Episodes of flagged tasks that were not themselves blamed on the task or a simulator: the ones to look at again. */
export const FLAGGED_FOR_REVIEW: Prisma.TrajectoryWhereInput = {
  task: { reviewFlag: { not: null } },
  OR: [{ blame: null }, { blame: { notIn: [...TASK_PARTIES] } }],
};
