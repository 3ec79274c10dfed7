import type { Db, Prisma, Verdict } from "../db/client";

/**
 * The review that decides a trajectory's human verdict comes first in this
 * order: the latest adjudication, else the latest review.
 */
export const HUMAN_VERDICT_ORDER: Prisma.ReviewOrderByWithRelationInput[] = [{ adjudication: "desc" }, { createdAt: "desc" }, { id: "desc" }];

/** A person's review overrides the judge; without either there is no verdict. */
export function effectiveVerdict(judge: Verdict | null, human: Verdict | null): Verdict | null {
  return human ?? judge;
}

/**
 * Recomputes a trajectory's derived verdict columns from its latest judgement
 * and its deciding review (HUMAN_VERDICT_ORDER; both tables are append-only). Call it in the same
 * transaction that appends a judgement or a review.
 */
export async function refreshVerdicts(db: Pick<Db, "judgement" | "review" | "trajectory">, trajectoryId: string) {
  const [judgement, review] = await Promise.all([
    db.judgement.findFirst({ where: { trajectoryId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
    db.review.findFirst({ where: { trajectoryId }, orderBy: HUMAN_VERDICT_ORDER }),
  ]);
  const judgeVerdict = judgement?.verdict ?? null;
  const humanVerdict = review?.verdict ?? null;
  await db.trajectory.update({
    where: { id: trajectoryId },
    data: {
      judgeVerdict,
      judgeScore: judgement?.score ?? null,
      blame: judgement?.blame ?? null,
      humanVerdict,
      effectiveVerdict: effectiveVerdict(judgeVerdict, humanVerdict),
    },
  });
}
