"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { queue } from "@/lib/jobs/client";
import { ADMIN_ACTIONS, bulkActionSchema, runBulkAction } from "@/lib/review/bulk";
import { deleteSavedView, saveView, saveViewSchema, viewRefSchema } from "@/lib/review/saved-views";

/** Accept, reject or tag the selection (reviewers), or re-judge or export it (admins). */
export const bulkAction = defineAction("reviewer", bulkActionSchema, async (input, reviewer) => {
  const user = ADMIN_ACTIONS.has(input.action) ? await requireRole("admin") : reviewer;
  const result = await runBulkAction(db(), { boss: queue }, user.id, input);
  revalidatePath("/trajectories");
  if (result.ok && result.runId) revalidatePath("/runs");
  return result;
});

/** Saves the current list URL under a name, for the signed-in person. */
export const saveViewAction = defineAction("viewer", saveViewSchema, async (input, user) => {
  await saveView(db(), user.id, input);
  revalidatePath("/trajectories");
  return { ok: true };
});

export const deleteViewAction = defineAction("viewer", viewRefSchema, async ({ viewId }, user) => {
  const deleted = await deleteSavedView(db(), user.id, viewId);
  revalidatePath("/trajectories");
  return deleted ? { ok: true } : { ok: false, error: "That view is gone already" };
});
