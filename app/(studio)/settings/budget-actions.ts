"use server";

import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { resumeParkedRuns, saveDailyBudget } from "@/lib/jobs/budget";
import { dailyBudgetSchema } from "@/lib/jobs/budget-schema";
import { queue } from "@/lib/jobs/client";

export type DailyBudgetState = { error?: string; ok?: string };

/** Sets (or, blank, removes) the workspace's daily budget; runs paused at it resume if it now allows them. */
export async function saveDailyBudgetAction(_prev: DailyBudgetState, form: FormData): Promise<DailyBudgetState> {
  await requireRole("admin");
  const parsed = dailyBudgetSchema.safeParse({ usd: form.get("usd") ?? "" });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Invalid budget" };
  await saveDailyBudget(db(), parsed.data.usd);
  const resumed = await resumeParkedRuns(db(), await queue());
  revalidatePath("/settings");
  revalidatePath("/runs");
  const saved = parsed.data.usd === null ? "No daily budget" : `Daily budget set to $${parsed.data.usd}`;
  return { ok: resumed ? `${saved}; ${resumed} paused run${resumed === 1 ? "" : "s"} resumed` : saved };
}
