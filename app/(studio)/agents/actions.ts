"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { queue } from "@/lib/jobs/client";
import { budgetInput } from "@/lib/jobs/budget-schema";
import { startRun } from "@/lib/jobs/runs";
import { agentSynthesisConfig, toolSynthesisConfig } from "@/lib/synthesis/config";
import { estimateAgentRun, estimateToolRun, type Estimate } from "@/lib/synthesis/estimate";
import { generatorModel } from "@/lib/synthesis/gateway-factory";

type Started = { ok: true; runId: string } | { ok: false; error: string };
type Estimated = { ok: true; estimate: Estimate; model: string } | { ok: false; error: string };

const firstIssue = (e: z.ZodError) => e.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`)[0];

export async function startToolSynthesisAction(input: unknown, budget?: unknown): Promise<Started> {
  const user = await requireRole("admin");
  const parsed = toolSynthesisConfig.safeParse(input);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  const started = await startRun(db(), await queue(), { kind: "synthesize_tools", config: parsed.data, userId: user.id, budget: budgetInput(budget) });
  revalidatePath("/runs");
  return started;
}

export async function estimateToolSynthesisAction(input: unknown): Promise<Estimated> {
  await requireRole("admin");
  const parsed = toolSynthesisConfig.safeParse(input);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  const generator = await generatorModel(db());
  return { ok: true, estimate: await estimateToolRun(db(), parsed.data, generator), model: `${generator.model} (${generator.provider})` };
}

export async function startAgentSynthesisAction(input: unknown, budget?: unknown): Promise<Started> {
  const user = await requireRole("admin");
  const parsed = agentSynthesisConfig.safeParse(input);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  const started = await startRun(db(), await queue(), { kind: "synthesize_agents", config: parsed.data, userId: user.id, budget: budgetInput(budget) });
  revalidatePath("/agents");
  revalidatePath("/runs");
  return started;
}

export async function estimateAgentSynthesisAction(input: unknown): Promise<Estimated> {
  await requireRole("admin");
  const parsed = agentSynthesisConfig.safeParse(input);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  const generator = await generatorModel(db());
  return { ok: true, estimate: await estimateAgentRun(db(), parsed.data, generator), model: `${generator.model} (${generator.provider})` };
}
