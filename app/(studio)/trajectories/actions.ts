"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { queue } from "@/lib/jobs/client";
import { ADMIN_ACTIONS, bulkActionSchema, runBulkAction, type BulkAction, type BulkResult } from "@/lib/review/bulk";
import { deleteSavedView, saveView, saveViewSchema, type SaveViewInput } from "@/lib/review/saved-views";

export type ViewResult = { ok: true } | { ok: false; error: string };

/** Accept, reject or tag the selection (reviewers), or re-judge or export it (admins). */
export async function bulkAction(input: BulkAction): Promise<BulkResult> {
  await requireRole("reviewer");
  const parsed = bulkActionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid selection" };
  const user = await requireRole(ADMIN_ACTIONS.has(parsed.data.action) ? "admin" : "reviewer");
  const result = await runBulkAction(db(), { boss: queue }, user.id, parsed.data);
  revalidatePath("/trajectories");
  if (result.ok && result.runId) revalidatePath("/runs");
  return result;
}

/** Saves the current list URL under a name, for the signed-in person. */
export async function saveViewAction(input: SaveViewInput): Promise<ViewResult> {
  const user = await requireRole("viewer");
  const parsed = saveViewSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid view" };
  await saveView(db(), user.id, parsed.data);
  revalidatePath("/trajectories");
  return { ok: true };
}

export async function deleteViewAction(id: string): Promise<ViewResult> {
  const user = await requireRole("viewer");
  const viewId = z.string().min(1).max(64).parse(id);
  const deleted = await deleteSavedView(db(), user.id, viewId);
  revalidatePath("/trajectories");
  return deleted ? { ok: true } : { ok: false, error: "That view is gone already" };
}
