"use server";

import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { budgetInput } from "@/lib/jobs/budget-schema";
import { queue } from "@/lib/jobs/client";
import { startRun } from "@/lib/jobs/runs";
import { judgeFormSchema, judgeStageConfigFromForm, type JudgeForm } from "@/lib/judge/start-form";

export type StartJudgeResult = { ok: true; runId: string } | { ok: false; error: string };

/** Starts a judge run (admins), capped by `budget` (blank fields: no cap). Also usable from a trajectory page with `{ target: "ids", ids: [id] }`. */
export async function startJudgeRunAction(input: JudgeForm, budget?: unknown): Promise<StartJudgeResult> {
  const user = await requireRole("admin");
  const parsed = judgeFormSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid input" };
  const started = await startRun(db(), await queue(), {
    kind: "judge",
    config: judgeStageConfigFromForm(parsed.data),
    userId: user.id,
    budget: budgetInput(budget),
  });
  revalidatePath("/runs");
  revalidatePath("/calibration");
  return started;
}
