import type { Prisma } from "../db/client";

// A claim in a review queue belongs to its reviewer until it expires: nobody
// else labels that trajectory meanwhile, in that queue or anywhere else.

export type ForeignClaim = { trajectoryId: string; reviewerName: string; queueName: string; expiresAt: Date };

/**
 * The live claims on these trajectories held by someone other than the
 * reviewer. Locks the trajectories' assignment rows until the transaction
 * ends, so a claim cannot take over an expired hold between this check and
 * the label that follows it.
 */
export async function claimsHeldByOthers(tx: Prisma.TransactionClient, trajectoryIds: string[], reviewerId: string, now = new Date()): Promise<ForeignClaim[]> {
  if (trajectoryIds.length === 0) return [];
  return tx.$queryRaw<ForeignClaim[]>`
    SELECT a."trajectoryId", u."name" AS "reviewerName", q."name" AS "queueName", a."expiresAt"
    FROM "ReviewAssignment" a
    JOIN "user" u ON u."id" = a."reviewerId"
    JOIN "ReviewQueue" q ON q."id" = a."queueId"
    WHERE a."trajectoryId" = ANY(${trajectoryIds}::text[])
      AND a."status" = 'open' AND a."expiresAt" > ${now} AND a."reviewerId" <> ${reviewerId}
      -- in a queue of several reviewers, the others' claims do not keep out a reviewer who holds or labelled a slot of it there
      AND NOT (q."reviewsPerItem" > 1 AND EXISTS (
        SELECT 1 FROM "ReviewAssignment" m
        WHERE m."queueId" = a."queueId" AND m."trajectoryId" = a."trajectoryId" AND m."reviewerId" = ${reviewerId}
          AND (m."status" = 'done' OR m."expiresAt" > ${now})))
    ORDER BY a."expiresAt" DESC
    FOR UPDATE OF a`;
}

/** "Ann holds it in the queue “Unlabelled” until 21:30 UTC" */
export function describeClaim(c: ForeignClaim): string {
  return `${c.reviewerName} holds it in the queue “${c.queueName}” until ${c.expiresAt.toISOString().slice(11, 16)} UTC`;
}
