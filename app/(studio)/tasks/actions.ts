"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { db } from "@/lib/db/client";
import { startInput } from "@/lib/jobs/budget-schema";
import { queue } from "@/lib/jobs/client";
import { startRun } from "@/lib/jobs/runs";
import { simulateConfigSchema } from "@/lib/simulation/config";
import { taskSynthesisConfig } from "@/lib/synthesis/config";
import { estimateTaskRun } from "@/lib/synthesis/estimate";
import { generatorModel } from "@/lib/synthesis/gateway-factory";

export const startTaskSynthesisAction = defineAction("admin", startInput(taskSynthesisConfig), async ({ config, budget }, user) => {
  const started = await startRun(db(), await queue(), { kind: "synthesize_tasks", config, userId: user.id, budget });
  revalidatePath("/tasks");
  revalidatePath("/runs");
  return started;
});

export const estimateTaskSynthesisAction = defineAction("admin", taskSynthesisConfig, async (config) => {
  const generator = await generatorModel(db());
  return { ok: true, estimate: await estimateTaskRun(db(), config, generator), model: `${generator.model} (${generator.provider})` };
});

/** Queues a simulate run (task and agent pages). */
export const startSimulationAction = defineAction("admin", startInput(simulateConfigSchema), async ({ config, budget }, user) => {
  const started = await startRun(db(), await queue(), { kind: "simulate", config, userId: user.id, budget });
  revalidatePath("/runs");
  return started;
});
