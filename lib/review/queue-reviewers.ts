import { z } from "zod";
import { Refusal } from "../actions/result";
import type { Db } from "../db/client";
import { queueSize } from "./queues";

// Naming reviewers for a queue: the whole queue, or some of its items (which
// claimNext hands them before any other). Progress is per reviewer: items they
// labelled in the queue out of those named for them.

export const assignReviewersSchema = z.object({
  queueId: z.string().min(1).max(64),
  reviewerIds: z.array(z.string().min(1).max(64)).min(1, "Choose at least one reviewer").max(50),
  /** empty: the whole queue */
  trajectoryIds: z.array(z.string().trim().min(1).max(64)).max(5_000).default([]),
});
export type AssignReviewersInput = z.input<typeof assignReviewersSchema>;

/** Names reviewers for the queue or for some of its items (added to the items already named; a whole-queue reviewer stays one). */
export async function assignReviewers(db: Db, assignedById: string, input: AssignReviewersInput): Promise<{ assigned: number }> {
  const a = assignReviewersSchema.parse(input);
  const reviewerIds = [...new Set(a.reviewerIds)];
  const trajectoryIds = [...new Set(a.trajectoryIds)];
  if (!(await db.reviewQueue.findUnique({ where: { id: a.queueId }, select: { id: true } }))) throw new Refusal("That queue no longer exists.");
  const reviewers = await db.user.findMany({ where: { id: { in: reviewerIds }, role: { in: ["reviewer", "admin"] } }, select: { id: true } });
  if (reviewers.length !== reviewerIds.length) throw new Refusal("Only reviewers and admins can be named for a queue.");
  if (trajectoryIds.length) {
    const found = await db.trajectory.count({ where: { id: { in: trajectoryIds } } });
    if (found !== trajectoryIds.length) throw new Refusal(`${trajectoryIds.length - found} of those trajectory ids do not exist.`);
  }
  await db.$transaction(async (tx) => {
    for (const reviewerId of reviewerIds) {
      const key = { queueId_reviewerId: { queueId: a.queueId, reviewerId } };
      const existing = await tx.queueReviewer.findUnique({ where: key, select: { trajectoryIds: true } });
      const whole = !trajectoryIds.length || (existing !== null && existing.trajectoryIds.length === 0);
      const items = whole ? [] : [...new Set([...(existing?.trajectoryIds ?? []), ...trajectoryIds])];
      await tx.queueReviewer.upsert({
        where: key,
        update: { trajectoryIds: items },
        create: { queueId: a.queueId, reviewerId, trajectoryIds: items, assignedById },
      });
    }
  });
  return { assigned: reviewerIds.length };
}

export const unassignReviewerSchema = z.object({ queueId: z.string().min(1).max(64), reviewerId: z.string().min(1).max(64) });

export async function unassignReviewer(db: Db, input: z.input<typeof unassignReviewerSchema>): Promise<boolean> {
  const a = unassignReviewerSchema.parse(input);
  const { count } = await db.queueReviewer.deleteMany({ where: a });
  return count > 0;
}

export type ReviewerProgress = {
  reviewerId: string;
  name: string;
  /** items they labelled in the queue (of those named for them, when items were) */
  labelled: number;
  /** items named for them: the queue's size for the whole queue; null when they were not named and labelled anyway */
  assigned: number | null;
  wholeQueue: boolean;
};

/** Each named reviewer's progress in the queue, and anybody else's who labelled there; named first. */
export async function reviewerProgress(db: Db, queueId: string): Promise<ReviewerProgress[]> {
  const [named, done, size] = await Promise.all([
    db.queueReviewer.findMany({
      where: { queueId },
      orderBy: { assignedAt: "asc" },
      select: { reviewerId: true, trajectoryIds: true, reviewer: { select: { name: true } } },
    }),
    db.reviewAssignment.findMany({
      where: { queueId, status: "done" },
      select: { reviewerId: true, trajectoryId: true, reviewer: { select: { name: true } } },
    }),
    queueSize(db, queueId),
  ]);
  const doneBy = new Map<string, { name: string; ids: Set<string> }>();
  for (const d of done) {
    const entry = doneBy.get(d.reviewerId) ?? { name: d.reviewer.name, ids: new Set<string>() };
    entry.ids.add(d.trajectoryId);
    doneBy.set(d.reviewerId, entry);
  }
  const out: ReviewerProgress[] = named.map((n) => {
    const ids = doneBy.get(n.reviewerId)?.ids ?? new Set<string>();
    const whole = n.trajectoryIds.length === 0;
    return {
      reviewerId: n.reviewerId,
      name: n.reviewer.name,
      labelled: whole ? ids.size : n.trajectoryIds.filter((id) => ids.has(id)).length,
      assigned: whole ? size : n.trajectoryIds.length,
      wholeQueue: whole,
    };
  });
  const namedIds = new Set(named.map((n) => n.reviewerId));
  for (const [reviewerId, d] of [...doneBy].sort(([, a], [, b]) => a.name.localeCompare(b.name))) {
    if (!namedIds.has(reviewerId)) out.push({ reviewerId, name: d.name, labelled: d.ids.size, assigned: null, wholeQueue: false });
  }
  return out;
}

/** The people who can be named for a queue. */
export async function assignableReviewers(db: Db) {
  return db.user.findMany({ where: { role: { in: ["reviewer", "admin"] } }, orderBy: { name: "asc" }, select: { id: true, name: true, email: true } });
}
