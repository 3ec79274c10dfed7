import { Prisma, type Db } from "../db/client";

// Several reviewers label an item of a queue blind: until a reviewer has
// labelled it there, they see no one else's label of it (reviews, step
// annotations, the human verdict), so nobody is led by another's answer. Once
// every slot of the item is labelled, everyone sees everything again (that is
// when it can be adjudicated).

/**
 * SQL condition on a queue `q`: it asks several reviewers per item and not
 * all of them have labelled this trajectory in it yet.
 */
export function stillLabellingBlind(trajectoryId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`q."reviewsPerItem" > 1
    AND EXISTS (SELECT 1 FROM "ReviewAssignment" b WHERE b."queueId" = q."id" AND b."trajectoryId" = ${trajectoryId})
    AND (SELECT count(*) FROM "ReviewAssignment" b WHERE b."queueId" = q."id" AND b."trajectoryId" = ${trajectoryId} AND b."status" = 'done') < q."reviewsPerItem"`;
}

/**
 * Whether the viewer must not see other people's labels of the trajectory:
 * it is in a queue of several reviewers per item, that queue's slots are not
 * all labelled yet, and the viewer has not labelled it in that queue.
 */
export async function othersHidden(db: Pick<Db, "$queryRaw"> | Prisma.TransactionClient, trajectoryId: string, viewerId: string): Promise<boolean> {
  const [row] = await db.$queryRaw<{ hidden: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM "ReviewQueue" q
      WHERE ${stillLabellingBlind(Prisma.sql`${trajectoryId}`)}
        AND NOT EXISTS (
          SELECT 1 FROM "ReviewAssignment" a
          WHERE a."queueId" = q."id" AND a."trajectoryId" = ${trajectoryId} AND a."status" = 'done' AND a."reviewerId" = ${viewerId})
    ) AS hidden`;
  return row?.hidden ?? false;
}
