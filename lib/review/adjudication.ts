import { z } from "zod";
import { Refusal } from "../actions/result";
import { Prisma, type Db, type Verdict } from "../db/client";
import { stillLabellingBlind } from "./blind";
import { refreshVerdicts } from "../trajectory/verdict";
import { criteriaScoresSchema, lockTrajectory } from "./label";

// Where people disagree about a trajectory (or the judge disagrees with most
// of them), an adjudicator reads the labels side by side and records the
// final one: a review marked `adjudication`, appended like any other, that
// decides the human verdict (HUMAN_VERDICT_ORDER) until a later adjudication.
// Items still being labelled blind are not listed: their reviewers have not
// all answered yet.

export type Disagreement = {
  trajectoryId: string;
  /** reviewers gave different verdicts, or they agree and the judge does not */
  reason: "reviewers" | "judge";
  judgeVerdict: Verdict | null;
  /** the verdict more than half of the reviewers gave, if any */
  majority: Verdict | null;
  labels: {
    reviewerId: string;
    reviewerName: string;
    verdict: Verdict;
    note: string;
    criteria: Record<string, number>;
    scores: { name: string; value: unknown }[];
    createdAt: Date;
  }[];
  /** the latest adjudication, if one was made after the latest label */
  resolved: { verdict: Verdict; by: string; at: Date } | null;
};

type Row = {
  trajectoryId: string;
  reviewers: number;
  accepted: number;
  judgeVerdict: Verdict | null;
  adjVerdict: Verdict | null;
  adjBy: string | null;
  adjAt: Date | null;
  lastAt: Date;
};

/** Trajectories people disagree about, reviewer disagreements first, then the newest; unresolved ones only unless asked. */
export async function listDisagreements(db: Db, opts: { resolved?: boolean; limit?: number } = {}): Promise<{ items: Disagreement[]; total: number }> {
  const limit = opts.limit ?? 100;
  const rows = await db.$queryRaw<(Row & { total: number })[]>`
    WITH latest AS (
      SELECT DISTINCT ON (r."trajectoryId", r."reviewerId") r."trajectoryId", r."reviewerId", r."verdict", r."createdAt"
      FROM "Review" r WHERE NOT r."adjudication"
      ORDER BY r."trajectoryId", r."reviewerId", r."createdAt" DESC, r."id" DESC
    ), agg AS (
      SELECT "trajectoryId", count(*)::int AS reviewers, (count(*) FILTER (WHERE "verdict" = 'accepted'))::int AS accepted, max("createdAt") AS "lastAt"
      FROM latest GROUP BY 1
    ), adj AS (
      SELECT DISTINCT ON (r."trajectoryId") r."trajectoryId", r."verdict", u."name", r."createdAt"
      FROM "Review" r JOIN "user" u ON u."id" = r."reviewerId" WHERE r."adjudication"
      ORDER BY r."trajectoryId", r."createdAt" DESC, r."id" DESC
    )
    SELECT agg."trajectoryId", agg.reviewers, agg.accepted, agg."lastAt", t."judgeVerdict",
      adj."verdict" AS "adjVerdict", adj."name" AS "adjBy", adj."createdAt" AS "adjAt", count(*) OVER ()::int AS total
    FROM agg
    JOIN "Trajectory" t ON t."id" = agg."trajectoryId"
    LEFT JOIN adj ON adj."trajectoryId" = agg."trajectoryId"
    WHERE (
        (agg.accepted > 0 AND agg.accepted < agg.reviewers)
        OR (t."judgeVerdict" = 'rejected' AND agg.accepted * 2 > agg.reviewers)
        OR (t."judgeVerdict" = 'accepted' AND (agg.reviewers - agg.accepted) * 2 > agg.reviewers))
      AND (${opts.resolved ?? false} OR adj."createdAt" IS NULL OR adj."createdAt" < agg."lastAt")
      AND NOT EXISTS (SELECT 1 FROM "ReviewQueue" q WHERE ${stillLabellingBlind(Prisma.sql`agg."trajectoryId"`)})
    ORDER BY (agg.accepted > 0 AND agg.accepted < agg.reviewers) DESC, agg."lastAt" DESC, agg."trajectoryId"
    LIMIT ${limit}`;
  if (rows.length === 0) return { items: [], total: 0 };
  const labels = await db.review.findMany({
    where: { trajectoryId: { in: rows.map((r) => r.trajectoryId) }, adjudication: false },
    orderBy: [{ trajectoryId: "asc" }, { reviewerId: "asc" }, { createdAt: "desc" }, { id: "desc" }],
    distinct: ["trajectoryId", "reviewerId"],
    select: {
      trajectoryId: true,
      reviewerId: true,
      verdict: true,
      note: true,
      criteria: true,
      createdAt: true,
      reviewer: { select: { name: true } },
      scores: { where: { step: null }, orderBy: { createdAt: "asc" }, select: { value: true, config: { select: { name: true } } } },
    },
  });
  const items = rows.map((r): Disagreement => {
    const mine = labels.filter((l) => l.trajectoryId === r.trajectoryId).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    const majority = r.accepted * 2 > r.reviewers ? "accepted" : (r.reviewers - r.accepted) * 2 > r.reviewers ? "rejected" : null;
    return {
      trajectoryId: r.trajectoryId,
      reason: r.accepted > 0 && r.accepted < r.reviewers ? "reviewers" : "judge",
      judgeVerdict: r.judgeVerdict,
      majority,
      labels: mine.map((l) => {
        const criteria = criteriaScoresSchema.safeParse(l.criteria ?? {});
        return {
          reviewerId: l.reviewerId,
          reviewerName: l.reviewer.name,
          verdict: l.verdict,
          note: l.note,
          criteria: criteria.success ? criteria.data : {},
          scores: l.scores.map((s) => ({ name: s.config?.name ?? "score", value: s.value })),
          createdAt: l.createdAt,
        };
      }),
      resolved: r.adjAt && r.adjVerdict && r.adjAt >= r.lastAt ? { verdict: r.adjVerdict, by: r.adjBy ?? "", at: r.adjAt } : null,
    };
  });
  return { items, total: rows[0].total };
}

export const adjudicateSchema = z.object({
  trajectoryId: z.string().min(1).max(64),
  verdict: z.enum(["accepted", "rejected"]),
  note: z.string().trim().max(5_000).default(""),
  criteria: criteriaScoresSchema.default({}),
});
export type AdjudicateInput = z.input<typeof adjudicateSchema>;

/** Appends the adjudicator's final label, which becomes the trajectory's human verdict. */
export async function adjudicate(db: Db, adjudicatorId: string, input: AdjudicateInput): Promise<{ reviewId: string }> {
  const a = adjudicateSchema.parse(input);
  return db.$transaction(async (tx) => {
    if (!(await lockTrajectory(tx, a.trajectoryId))) throw new Refusal("That trajectory no longer exists.");
    if ((await tx.review.count({ where: { trajectoryId: a.trajectoryId, adjudication: false } })) === 0) {
      throw new Refusal("Nobody has labelled this trajectory: there is nothing to adjudicate.");
    }
    const [pending] = await tx.$queryRaw<{ name: string }[]>`
      SELECT q."name" FROM "ReviewQueue" q WHERE ${stillLabellingBlind(Prisma.sql`${a.trajectoryId}`)} LIMIT 1`;
    if (pending) throw new Refusal(`Reviewers of the queue “${pending.name}” are still labelling this trajectory blind: adjudicate once they all have.`);
    const review = await tx.review.create({
      data: {
        trajectoryId: a.trajectoryId,
        reviewerId: adjudicatorId,
        verdict: a.verdict,
        note: a.note,
        criteria: Object.keys(a.criteria).length ? a.criteria : undefined,
        adjudication: true,
      },
      select: { id: true },
    });
    await refreshVerdicts(tx, a.trajectoryId);
    return { reviewId: review.id };
  });
}
