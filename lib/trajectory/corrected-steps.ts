import type { Db } from "../db/client";
import { stepSchema, type Step } from "./types";

// A reviewer's corrected version of a trajectory is stored as the JSON text
// of its steps (TrajectoryCorrection.messages); lib/review/corrections.ts
// writes it, the export and the fork read it.

/** The corrected version's steps, read back from the text they were stored as. */
export function correctedSteps(messages: string): Step[] {
  return stepSchema.array().parse(JSON.parse(messages));
}

/** The steps of one correction of `trajectoryId`; null when it is not one of that trajectory's. */
export async function loadCorrectedSteps(db: Db, trajectoryId: string, correctionId: string): Promise<Step[] | null> {
  const row = await db.trajectoryCorrection.findUnique({ where: { id: correctionId }, select: { trajectoryId: true, messages: true } });
  return row && row.trajectoryId === trajectoryId ? correctedSteps(row.messages) : null;
}
