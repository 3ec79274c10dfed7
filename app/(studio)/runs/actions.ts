"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { queue } from "@/lib/jobs/client";
import { setRunBudget } from "@/lib/jobs/budget";
import { runBudgetSchema } from "@/lib/jobs/budget-schema";
import { deleteRunOutputs, type DeleteResult } from "@/lib/jobs/run-outputs-delete";
import { cancelRun, retryFailedItems, startRun } from "@/lib/jobs/runs";

const trialSchema = z.object({ steps: z.coerce.number().int().min(1).max(10_000), delayMs: z.coerce.number().int().min(0).max(10_000) });

export type ActionResult = { ok: true } | { ok: false; error: string };

export async function startTrialRunAction(input: z.input<typeof trialSchema>): Promise<ActionResult> {
  const user = await requireRole("admin");
  const parsed = trialSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid input" };
  const started = await startRun(db(), await queue(), { kind: "noop", config: parsed.data, userId: user.id });
  revalidatePath("/runs");
  return started.ok ? { ok: true } : started;
}

export async function cancelRunAction(runId: string): Promise<ActionResult> {
  await requireRole("admin");
  const id = z.string().min(1).max(64).parse(runId);
  const cancelled = await cancelRun(db(), id);
  revalidatePath("/runs");
  return cancelled ? { ok: true } : { ok: false, error: "This run has already ended" };
}

export async function retryFailedItemsAction(runId: string): Promise<ActionResult> {
  await requireRole("admin");
  const id = z.string().min(1).max(64).parse(runId);
  const retried = await retryFailedItems(db(), await queue(), id);
  revalidatePath("/runs");
  return retried.ok ? { ok: true } : retried;
}

/** Sets a run's caps (blank removes one); a run paused at its budget resumes if the new caps allow it. */
export async function setRunBudgetAction(runId: string, input: { usd: string; tokens: string }): Promise<ActionResult> {
  await requireRole("admin");
  const id = z.string().min(1).max(64).parse(runId);
  const parsed = runBudgetSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid budget" };
  const set = await setRunBudget(db(), await queue(), id, parsed.data);
  revalidatePath("/runs");
  if (!set.ok) return set;
  return set.waiting ? { ok: false, error: `Budget saved; the run stays paused: ${set.waiting}` } : { ok: true };
}

const deleteSchema = z.tuple([z.string().min(1).max(64), z.string().trim().min(3, "Say why, in a few words").max(500)]);

/** Deletes what a finished run made that nothing stands on (see lib/jobs/run-outputs-delete.ts), recording who and why on the run. */
export async function deleteRunOutputsAction(runId: unknown, reason: unknown): Promise<DeleteResult> {
  const user = await requireRole("admin");
  const parsed = deleteSchema.safeParse([runId, reason]);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid input" };
  const [id, why] = parsed.data;
  const res = await deleteRunOutputs(db(), id, { name: user.name, reason: why });
  revalidatePath(`/runs/${id}`);
  return res;
}
