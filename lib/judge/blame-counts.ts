import type { Db } from "../db/client";
import { BLAMES, type BlameName } from "./blames";

/** How many trajectories the latest judgement blames on each party (every party present, 0 when none). */
export async function blameCounts(db: Db): Promise<Record<BlameName, number>> {
  const groups = await db.trajectory.groupBy({ by: ["blame"], where: { blame: { not: null } }, _count: { _all: true } });
  return Object.fromEntries(BLAMES.map((b) => [b, groups.find((g) => g.blame === b)?._count._all ?? 0])) as Record<BlameName, number>;
}
