import "server-only";
import { z } from "zod";
import type { Db, Prisma } from "../db/client";
import { Verdict } from "../db/generated/enums";
import { refreshVerdicts } from "../trajectory/verdict";
import { othersHidden } from "./blind";
import { claimsHeldByOthers, describeClaim } from "./claims";
import { forgetFilterOptions } from "./list";
import { scoreAnswerSchema, scoreValueProblem } from "./score-config-schema";
import { scoreConfigsById } from "./score-configs";
import { utcMinute } from "../util/format";

// A label is a review appended to the trajectory (reviews are never changed):
// the verdict, a score per rubric criterion, answers to score configurations,
// a note and tags (added and taken off). It may close the labeller's
// assignment in a review queue. A trajectory someone else holds in
// a queue is theirs to label until their claim expires.

export const tagSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\p{L}\p{N}_.:/-]+$/u, "Tags are one word: letters, digits and _ . : / -");

/**
 * Per-criterion scores, 0 (not met) to 1 (met), keyed by the rubric
 * criterion's id. Calibration (lib/judge/calibration.ts) reads this shape.
 */
export const criteriaScoresSchema = z.record(z.string().min(1).max(64), z.number().min(0).max(1));
export type CriteriaScores = z.infer<typeof criteriaScoresSchema>;

export const labelInputSchema = z.object({
  trajectoryId: z.string().min(1).max(64),
  verdict: z.enum(Verdict),
  criteria: criteriaScoresSchema.default({}),
  note: z.string().max(5_000).default(""),
  /** answers to trajectory-level score configurations, each checked against its configuration */
  scores: z.array(scoreAnswerSchema).max(50).default([]),
  /** tags the trajectory has after this label (those it lacks are added) */
  tags: z.array(tagSchema).max(20).default([]),
  /** tags the reviewer took off */
  removeTags: z.array(tagSchema).max(50).default([]),
  queueId: z.string().min(1).max(64).optional(),
  /**
   * The latest review the labeller saw (null: none). When someone else has
   * reviewed since, the label is refused instead of silently superseding theirs.
   */
  basedOnReviewId: z.string().min(1).max(64).nullable().optional(),
});
export type LabelInput = z.input<typeof labelInputSchema>;

/** `conflict`: someone reviewed since the form was opened; `claimed`: someone else holds the trajectory in a queue. */
export type LabelResult = { ok: true; reviewId: string } | { ok: false; error: string; conflict?: boolean; claimed?: boolean };

type Tx = Prisma.TransactionClient;

/** Locks the trajectory row so that two labels of one trajectory happen one after the other. */
export async function lockTrajectory(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Trajectory" WHERE "id" = ${id} FOR UPDATE`;
  return rows.length > 0;
}

/** Takes tags off trajectories. */
async function removeTags(tx: Pick<Db, "$executeRaw">, id: string, tags: string[]): Promise<void> {
  if (tags.length === 0) return;
  forgetFilterOptions();
  await tx.$executeRaw`
    UPDATE "Trajectory" SET "tags" = ARRAY(SELECT t FROM unnest("tags") AS t WHERE t <> ALL(${tags}::text[]) ORDER BY 1)
    WHERE "id" = ${id} AND "tags" && ${tags}::text[]`;
}

/** Null when every answer fits a distinct, active, trajectory-level configuration; else why not. */
async function scoresProblem(tx: Tx, scores: { configId: string; value: unknown }[]): Promise<string | null> {
  if (scores.length === 0) return null;
  const configs = await scoreConfigsById(
    tx,
    scores.map((s) => s.configId),
  );
  const seen = new Set<string>();
  for (const s of scores) {
    const config = configs.get(s.configId);
    if (!config) return "That score configuration no longer exists. Reload the page.";
    if (config.archivedAt) return `${config.name} was archived: reload the page.`;
    if (config.scope !== "trajectory") return `${config.name} scores one step, not the whole trajectory.`;
    if (seen.has(s.configId)) return `${config.name} is answered twice.`;
    seen.add(s.configId);
    const problem = scoreValueProblem(config, s.value);
    if (problem) return problem;
  }
  return null;
}

/** Adds tags a trajectory does not have yet, keeping the ones it has. */
export async function addTags(tx: Pick<Db, "$executeRaw">, ids: string[], tags: string[]): Promise<number> {
  if (ids.length === 0 || tags.length === 0) return 0;
  forgetFilterOptions();
  return tx.$executeRaw`
    UPDATE "Trajectory" SET "tags" = ARRAY(SELECT DISTINCT unnest(coalesce("tags", '{}') || ${tags}::text[]) ORDER BY 1)
    WHERE "id" = ANY(${ids}::text[]) AND NOT (coalesce("tags", '{}') @> ${tags}::text[])`;
}

/**
 * Marks the labeller's slot of the trajectory in the queue labelled: their own
 * slot, else one whose hold expired unlabelled (it passes to them), else the
 * first slot nobody has taken, else a slot past the queue's count (a label
 * added to a finished item). Claims held by others were refused before.
 */
async function closeSlot(tx: Tx, queueId: string, trajectoryId: string, reviewerId: string): Promise<void> {
  const now = new Date();
  const rows = await tx.reviewAssignment.findMany({
    where: { queueId, trajectoryId },
    orderBy: { slot: "asc" },
    select: { slot: true, reviewerId: true, status: true, expiresAt: true },
  });
  const slot = rows.find((r) => r.reviewerId === reviewerId) ?? rows.find((r) => r.status === "open" && r.expiresAt <= now);
  if (slot) {
    if (slot.reviewerId === reviewerId && slot.status === "done") return;
    await tx.reviewAssignment.update({
      where: { queueId_trajectoryId_slot: { queueId, trajectoryId, slot: slot.slot } },
      data: { status: "done", reviewerId },
    });
    return;
  }
  const queue = await tx.reviewQueue.findUnique({ where: { id: queueId }, select: { reviewsPerItem: true } });
  const taken = new Set(rows.map((r) => r.slot));
  const limit = Math.max(queue?.reviewsPerItem ?? 1, rows.length + 1);
  for (let s = 0; s <= limit; s++) {
    if (taken.has(s)) continue;
    // a claim may take this slot at this moment: then try the next one
    const inserted = await tx.$executeRaw`
      INSERT INTO "ReviewAssignment" ("queueId", "trajectoryId", "slot", "reviewerId", "status", "assignedAt", "expiresAt")
      VALUES (${queueId}, ${trajectoryId}, ${s}, ${reviewerId}, 'done', ${now}, ${now})
      ON CONFLICT DO NOTHING`;
    if (inserted > 0) return;
  }
}

export async function labelTrajectory(db: Db, reviewerId: string, input: LabelInput): Promise<LabelResult> {
  const label = labelInputSchema.parse(input);
  return db.$transaction(async (tx) => {
    if (!(await lockTrajectory(tx, label.trajectoryId))) return { ok: false, error: "That trajectory no longer exists." };
    const [held] = await claimsHeldByOthers(tx, [label.trajectoryId], reviewerId);
    if (held) return { ok: false, claimed: true, error: `This trajectory is claimed: ${describeClaim(held)}. It is theirs to label until then.` };
    if (label.basedOnReviewId !== undefined) {
      // a reviewer labelling blind saw only their own reviews, and is compared with those only
      const blind = await othersHidden(tx, label.trajectoryId, reviewerId);
      const latest = await tx.review.findFirst({
        where: { trajectoryId: label.trajectoryId, ...(blind ? { reviewerId } : {}) },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        include: { reviewer: { select: { name: true } } },
      });
      if ((latest?.id ?? null) !== label.basedOnReviewId) {
        const who = latest ? `${latest.reviewer.name} marked it ${latest.verdict} at ${utcMinute(latest.createdAt)} UTC` : "a review was withdrawn";
        return {
          ok: false,
          conflict: true,
          error: `Someone reviewed this trajectory after you opened it (${who}). Reload to see their review, then label again.`,
        };
      }
    }
    const problem = await scoresProblem(tx, label.scores);
    if (problem) return { ok: false, error: problem };
    const removed = label.removeTags.filter((t) => !label.tags.includes(t));
    const review = await tx.review.create({
      data: {
        trajectoryId: label.trajectoryId,
        reviewerId,
        verdict: label.verdict,
        criteria: Object.keys(label.criteria).length ? label.criteria : undefined,
        note: label.note,
        tags: label.tags,
        removedTags: removed,
        scores: { create: label.scores.map((s) => ({ trajectoryId: label.trajectoryId, configId: s.configId, value: s.value, authorId: reviewerId })) },
      },
      select: { id: true },
    });
    await removeTags(tx, label.trajectoryId, removed);
    await addTags(tx, [label.trajectoryId], label.tags);
    await refreshVerdicts(tx, label.trajectoryId);
    if (label.queueId) await closeSlot(tx, label.queueId, label.trajectoryId, reviewerId);
    return { ok: true, reviewId: review.id };
  });
}

/** A trajectory's reviews, newest first, with who wrote them. */
export async function listReviews(db: Pick<Db, "review">, trajectoryId: string) {
  return db.review.findMany({
    where: { trajectoryId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: {
      reviewer: { select: { id: true, name: true } },
      scores: { orderBy: { createdAt: "asc" }, select: { configId: true, value: true, config: { select: { name: true } } } },
    },
  });
}
export type ReviewRow = Awaited<ReturnType<typeof listReviews>>[number];
