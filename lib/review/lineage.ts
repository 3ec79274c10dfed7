import "server-only";
import type { Db, Prisma } from "../db/client";
import type { Lineage } from "./lineage-view";

// Reads a trajectory's parent and forks for the Forks panel (the viewer's
// first render and the panel's polling share this one query).

export const LINEAGE_SELECT = {
  id: true,
  forkedAtStep: true,
  parent: { select: { id: true, model: true, protocol: true, seed: true, effectiveVerdict: true } },
  forks: {
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      forkedAtStep: true,
      model: true,
      protocol: true,
      seed: true,
      effectiveVerdict: true,
      createdAt: true,
      runId: true,
      run: { select: { status: true } },
    },
  },
} satisfies Prisma.TrajectorySelect;

type LineageRow = Prisma.TrajectoryGetPayload<{ select: typeof LINEAGE_SELECT }>;

export function lineageOf(row: LineageRow, runs: { id: string; status: string }[] = []): Lineage {
  return {
    id: row.id,
    forkedAtStep: row.forkedAtStep,
    parent: row.parent ? { id: row.parent.id } : null,
    forks: row.forks.map((f) => ({
      id: f.id,
      forkedAtStep: f.forkedAtStep,
      protocol: f.protocol,
      seed: f.seed,
      model: f.model,
      effectiveVerdict: f.effectiveVerdict,
      runId: f.runId,
      runStatus: f.run?.status ?? null,
    })),
    runs,
  };
}

/** The lineage, with the status of the fork runs `runIds` (those a page started and waits for); null when there is no such trajectory. */
export async function loadLineage(db: Db, id: string, runIds: string[] = []): Promise<Lineage | null> {
  const [row, runs] = await Promise.all([
    db.trajectory.findUnique({ where: { id }, select: LINEAGE_SELECT }),
    runIds.length ? db.run.findMany({ where: { id: { in: runIds }, kind: "simulate" }, select: { id: true, status: true } }) : [],
  ]);
  return row ? lineageOf(row, runs) : null;
}
