"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { scoreConfigInputSchema, type ScoreConfigInput } from "@/lib/review/score-config-schema";
import { createScoreConfig, setScoreConfigArchived, type ConfigResult } from "@/lib/review/score-configs";

const archiveSchema = z.object({ id: z.string().min(1).max(64), archived: z.boolean() });

/** Defines a score configuration (admins). */
export async function createScoreConfigAction(input: ScoreConfigInput): Promise<ConfigResult> {
  const user = await requireRole("admin");
  const parsed = scoreConfigInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid configuration" };
  const result = await createScoreConfig(db(), user.id, parsed.data);
  if (result.ok) revalidatePath("/review/scores");
  return result;
}

/** Takes a configuration off the label forms, or puts it back (admins); its answers stay. */
export async function archiveScoreConfigAction(input: { id: string; archived: boolean }): Promise<{ ok: true } | { ok: false; error: string }> {
  await requireRole("admin");
  const parsed = archiveSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "Which configuration?" };
  if (!(await setScoreConfigArchived(db(), parsed.data.id, parsed.data.archived))) return { ok: false, error: "That configuration no longer exists." };
  revalidatePath("/review/scores");
  return { ok: true };
}
