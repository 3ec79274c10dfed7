"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { db } from "@/lib/db/client";
import { correctionInputSchema, correctTrajectory } from "@/lib/review/corrections";

/** Appends a reviewer's correction of one assistant step; the original stays as it was. */
export const correctTrajectoryAction = defineAction("reviewer", correctionInputSchema, async (input, user) => {
  const result = await correctTrajectory(db(), user.id, input);
  revalidatePath(`/trajectories/${input.trajectoryId}`);
  return result;
});
