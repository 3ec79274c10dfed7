"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { db } from "@/lib/db/client";
import { archiveScoreConfigSchema, scoreConfigInputSchema } from "@/lib/review/score-config-schema";
import { createScoreConfig, setScoreConfigArchived } from "@/lib/review/score-configs";

/** Defines a score configuration (admins). */
export const createScoreConfigAction = defineAction("admin", scoreConfigInputSchema, async (input, user) => {
  const result = await createScoreConfig(db(), user.id, input);
  if (result.ok) revalidatePath("/review/scores");
  return result;
});

/** Takes a configuration off the label forms, or puts it back (admins); its answers stay. */
export const archiveScoreConfigAction = defineAction("admin", archiveScoreConfigSchema, async ({ id, archived }) => {
  if (!(await setScoreConfigArchived(db(), id, archived))) return { ok: false, error: "That configuration no longer exists." };
  revalidatePath("/review/scores");
  return { ok: true };
});
