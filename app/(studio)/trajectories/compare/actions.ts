"use server";

import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { preferenceInputSchema, recordPreference, type PreferenceInput, type PreferenceResult } from "@/lib/review/preferences";

/** Appends a preference between the two compared trajectories (reviewers and admins). */
export async function recordPreferenceAction(input: PreferenceInput): Promise<PreferenceResult> {
  const user = await requireRole("reviewer");
  const parsed = preferenceInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid preference" };
  const result = await recordPreference(db(), user.id, parsed.data);
  if (result.ok) revalidatePath("/trajectories/compare");
  return result;
}
