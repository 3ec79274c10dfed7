"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { db } from "@/lib/db/client";
import { queue } from "@/lib/jobs/client";
import { forkRequestSchema, startFork } from "@/lib/review/fork";
import { labelInputSchema, labelTrajectory } from "@/lib/review/label";
import { annotateStep, stepAnnotationInputSchema } from "@/lib/review/step-annotations";

/** Appends a review (reviewers and admins); refused when someone else reviewed since the form was opened. */
export const labelTrajectoryAction = defineAction("reviewer", labelInputSchema, async (input, user) => {
  const result = await labelTrajectory(db(), user.id, input);
  // a refused label leaves the page as it is, so the message stays until the person reloads
  if (result.ok) revalidatePath(`/trajectories/${input.trajectoryId}`);
  return result;
});

/** Appends a note on one step: a step-level score, a comment or both (reviewers and admins). */
export const annotateStepAction = defineAction("reviewer", stepAnnotationInputSchema, async (input, user) => {
  const result = await annotateStep(db(), user.id, input);
  if (result.ok) revalidatePath(`/trajectories/${input.trajectoryId}`);
  return result;
});

/** Queues a simulate run that re-simulates the trajectory from a step (admins). */
export const startForkAction = defineAction("admin", forkRequestSchema, async (request, user) => {
  const started = await startFork(db(), await queue(), request, user.id);
  revalidatePath("/runs");
  return started;
});
