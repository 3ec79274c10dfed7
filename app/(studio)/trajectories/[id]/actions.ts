"use server";

import { revalidatePath } from "next/cache";
import type { StartResult } from "@/components/simulation/run-result";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { queue } from "@/lib/jobs/client";
import { startFork, forkRequestSchema } from "@/lib/review/fork";
import { labelInputSchema, labelTrajectory, type LabelInput, type LabelResult } from "@/lib/review/label";
import { annotateStep, stepAnnotationInputSchema, type AnnotateResult, type StepAnnotationInput } from "@/lib/review/step-annotations";

const firstIssue = (e: { issues: { path: PropertyKey[]; message: string }[] }) => {
  const i = e.issues[0];
  return i ? `${i.path.map(String).join(".") || "input"}: ${i.message}` : "Invalid input";
};

/** Appends a review (reviewers and admins); refused when someone else reviewed since the form was opened. */
export async function labelTrajectoryAction(input: LabelInput): Promise<LabelResult> {
  const user = await requireRole("reviewer");
  const parsed = labelInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  const result = await labelTrajectory(db(), user.id, parsed.data);
  // a refused label leaves the page as it is, so the message stays until the person reloads
  if (result.ok) revalidatePath(`/trajectories/${parsed.data.trajectoryId}`);
  return result;
}

/** Appends a note on one step: a step-level score, a comment or both (reviewers and admins). */
export async function annotateStepAction(input: StepAnnotationInput): Promise<AnnotateResult> {
  const user = await requireRole("reviewer");
  const parsed = stepAnnotationInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  const result = await annotateStep(db(), user.id, parsed.data);
  if (result.ok) revalidatePath(`/trajectories/${parsed.data.trajectoryId}`);
  return result;
}

/** Queues a simulate run that re-simulates the trajectory from a step (admins). */
export async function startForkAction(config: Record<string, unknown>): Promise<StartResult> {
  const user = await requireRole("admin");
  const parsed = forkRequestSchema.safeParse(config);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  const started = await startFork(db(), await queue(), parsed.data, user.id);
  revalidatePath("/runs");
  return started;
}
