"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { db } from "@/lib/db/client";
import { preferenceInputSchema, recordPreference } from "@/lib/review/preferences";

/** Appends a preference between the two compared trajectories (reviewers and admins). */
export const recordPreferenceAction = defineAction("reviewer", preferenceInputSchema, async (input, user) => {
  const result = await recordPreference(db(), user.id, input);
  if (result.ok) revalidatePath("/trajectories/compare");
  return result;
});
