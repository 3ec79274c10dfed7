"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { formInput } from "@/lib/actions/inputs";
import { db } from "@/lib/db/client";
import { resumeParkedRuns, saveDailyBudget } from "@/lib/jobs/budget";
import { dailyBudgetSchema } from "@/lib/jobs/budget-schema";
import { queue } from "@/lib/jobs/client";

/** Sets (or, blank, removes) the workspace's daily budget; runs paused at it resume if it now allows them. */
export const saveDailyBudgetAction = defineAction("admin", formInput(dailyBudgetSchema), async ({ usd }) => {
  await saveDailyBudget(db(), usd);
  const resumed = await resumeParkedRuns(db(), await queue());
  revalidatePath("/settings");
  revalidatePath("/runs");
  const saved = usd === null ? "No daily budget" : `Daily budget set to $${usd}`;
  return { ok: true, message: resumed ? `${saved}; ${resumed} paused run${resumed === 1 ? "" : "s"} resumed` : saved };
});
