"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { db } from "@/lib/db/client";
import { startInput } from "@/lib/jobs/budget-schema";
import { queue } from "@/lib/jobs/client";
import { startRun } from "@/lib/jobs/runs";
import { judgeFormSchema, judgeStageConfigFromForm } from "@/lib/judge/start-form";

/** Starts a judge run (admins), capped by `budget` (blank fields: no cap). Also usable from a trajectory page with `{ target: "ids", ids: [id] }`. */
export const startJudgeRunAction = defineAction("admin", startInput(judgeFormSchema), async ({ config, budget }, user) => {
  const started = await startRun(db(), await queue(), { kind: "judge", config: judgeStageConfigFromForm(config), userId: user.id, budget });
  revalidatePath("/runs");
  revalidatePath("/calibration");
  return started;
});
