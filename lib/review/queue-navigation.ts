import "server-only";
import type { Db } from "../db/client";

// Moving through a review queue from inside an item: where the reviewer is
// ("item 7 of 40"), skipping an item for later, and going back to the items
// they labelled before.

/** Lets go of the reviewer's held item and marks it skipped: claimNext hands it out again after the queue's other items. */
export async function skipItem(db: Db, queueId: string, trajectoryId: string, reviewerId: string, now = new Date()): Promise<boolean> {
  const { count } = await db.reviewAssignment.updateMany({
    where: { queueId, trajectoryId, reviewerId, status: "open", expiresAt: { gt: now } },
    data: { expiresAt: now, deferredAt: now },
  });
  return count > 0;
}

/**
 * The item the reviewer labelled in this queue before `current`: the latest
 * one when `current` is not one of theirs (the item they hold), else the one
 * before it, so that going back again goes further back.
 */
export async function previousItem(db: Db, queueId: string, reviewerId: string, current: string): Promise<string | null> {
  const mine = { queueId, reviewerId, status: "done" as const };
  const here = await db.reviewAssignment.findFirst({ where: { ...mine, trajectoryId: current }, select: { assignedAt: true, trajectoryId: true } });
  const before = await db.reviewAssignment.findFirst({
    where: here
      ? { ...mine, OR: [{ assignedAt: { lt: here.assignedAt } }, { assignedAt: here.assignedAt, trajectoryId: { lt: here.trajectoryId } }] }
      : { ...mine, trajectoryId: { not: current } },
    orderBy: [{ assignedAt: "desc" }, { trajectoryId: "desc" }],
    select: { trajectoryId: true },
  });
  return before?.trajectoryId ?? null;
}

/**
 * "Item `position` of `total`": an item labelled in the queue is numbered in
 * the order the queue's items were taken; any other is the next one after
 * them. The total is every item the queue holds, labelled or not.
 */
export async function queuePosition(db: Db, queueId: string, trajectoryId: string, total: number): Promise<{ position: number; total: number }> {
  const here = await db.reviewAssignment.findFirst({
    where: { queueId, trajectoryId },
    orderBy: [{ status: "desc" }, { assignedAt: "asc" }],
    select: { status: true, assignedAt: true },
  });
  const done = { queueId, status: "done" as const };
  const position =
    here?.status === "done"
      ? (await db.reviewAssignment.count({
          where: { ...done, OR: [{ assignedAt: { lt: here.assignedAt } }, { assignedAt: here.assignedAt, trajectoryId: { lt: trajectoryId } }] },
        })) + 1
      : (await db.reviewAssignment.count({ where: done })) + 1;
  return { position: Math.min(position, Math.max(total, 1)), total };
}
