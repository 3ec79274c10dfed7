"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { db } from "@/lib/db/client";
import { setRunBudget } from "@/lib/jobs/budget";
import { queue } from "@/lib/jobs/client";
import { deleteRunOutputs } from "@/lib/jobs/run-outputs-delete";
import { deleteRunOutputsSchema, runRefSchema, setRunBudgetSchema, trialRunSchema } from "@/lib/jobs/run-inputs";
import { cancelRun, retryFailedItems, startRun } from "@/lib/jobs/runs";

export const startTrialRunAction = defineAction("admin", trialRunSchema, async (config, user) => {
  const started = await startRun(db(), await queue(), { kind: "noop", config, userId: user.id });
  revalidatePath("/runs");
  return started;
});

export const cancelRunAction = defineAction("admin", runRefSchema, async ({ runId }) => {
  const cancelled = await cancelRun(db(), runId);
  revalidatePath("/runs");
  return cancelled ? { ok: true } : { ok: false, error: "This run has already ended" };
});

export const retryFailedItemsAction = defineAction("admin", runRefSchema, async ({ runId }) => {
  const retried = await retryFailedItems(db(), await queue(), runId);
  revalidatePath("/runs");
  return retried;
});

/** Sets a run's caps (blank removes one); a run paused at its budget resumes if the new caps allow it. */
export const setRunBudgetAction = defineAction("admin", setRunBudgetSchema, async ({ runId, ...budget }) => {
  const set = await setRunBudget(db(), await queue(), runId, budget);
  revalidatePath("/runs");
  if (!set.ok) return set;
  return set.waiting ? { ok: false, error: `Budget saved; the run stays paused: ${set.waiting}` } : { ok: true };
});

/** Deletes what a finished run made that nothing stands on (see lib/jobs/run-outputs-delete.ts), recording who and why on the run. */
export const deleteRunOutputsAction = defineAction("admin", deleteRunOutputsSchema, async ({ runId, reason }, user) => {
  const res = await deleteRunOutputs(db(), runId, { name: user.name, reason });
  revalidatePath(`/runs/${runId}`);
  return res;
});
