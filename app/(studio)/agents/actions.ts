"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { db } from "@/lib/db/client";
import { startInput } from "@/lib/jobs/budget-schema";
import { queue } from "@/lib/jobs/client";
import { startRun } from "@/lib/jobs/runs";
import { agentSynthesisConfig, toolSynthesisConfig } from "@/lib/synthesis/config";
import { estimateAgentRun, estimateToolRun } from "@/lib/synthesis/estimate";
import { generatorModel } from "@/lib/synthesis/gateway-factory";

export const startToolSynthesisAction = defineAction("admin", startInput(toolSynthesisConfig), async ({ config, budget }, user) => {
  const started = await startRun(db(), await queue(), { kind: "synthesize_tools", config, userId: user.id, budget });
  revalidatePath("/runs");
  return started;
});

export const estimateToolSynthesisAction = defineAction("admin", toolSynthesisConfig, async (config) => {
  const generator = await generatorModel(db());
  return { ok: true, estimate: await estimateToolRun(db(), config, generator), model: `${generator.model} (${generator.provider})` };
});

export const startAgentSynthesisAction = defineAction("admin", startInput(agentSynthesisConfig), async ({ config, budget }, user) => {
  const started = await startRun(db(), await queue(), { kind: "synthesize_agents", config, userId: user.id, budget });
  revalidatePath("/agents");
  revalidatePath("/runs");
  return started;
});

export const estimateAgentSynthesisAction = defineAction("admin", agentSynthesisConfig, async (config) => {
  const generator = await generatorModel(db());
  return { ok: true, estimate: await estimateAgentRun(db(), config, generator), model: `${generator.model} (${generator.provider})` };
});
