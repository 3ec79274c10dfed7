"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { queue } from "@/lib/jobs/client";
import { budgetInput } from "@/lib/jobs/budget-schema";
import { startRun } from "@/lib/jobs/runs";
import { estimateTaskRun, type Estimate } from "@/lib/synthesis/estimate";
import { generatorModel } from "@/lib/synthesis/gateway-factory";
import { taskSynthesisConfig } from "@/lib/synthesis/config";

type Started = { ok: true; runId: string } | { ok: false; error: string };
type Estimated = { ok: true; estimate: Estimate; model: string } | { ok: false; error: string };

const firstIssue = (e: z.ZodError) => e.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`)[0];

export async function startTaskSynthesisAction(input: unknown, budget?: unknown): Promise<Started> {
  const user = await requireRole("admin");
  const parsed = taskSynthesisConfig.safeParse(input);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  const started = await startRun(db(), await queue(), { kind: "synthesize_tasks", config: parsed.data, userId: user.id, budget: budgetInput(budget) });
  revalidatePath("/tasks");
  revalidatePath("/runs");
  return started;
}

export async function estimateTaskSynthesisAction(input: unknown): Promise<Estimated> {
  await requireRole("admin");
  const parsed = taskSynthesisConfig.safeParse(input);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  const generator = await generatorModel(db());
  return { ok: true, estimate: await estimateTaskRun(db(), parsed.data, generator), model: `${generator.model} (${generator.provider})` };
}

/** Queues a simulate run; the stage's own schema validates the config (startRun). Used by task and agent pages. */
export async function startSimulationAction(config: unknown, budget?: unknown): Promise<Started> {
  const user = await requireRole("admin");
  const started = await startRun(db(), await queue(), { kind: "simulate", config, userId: user.id, budget: budgetInput(budget) });
  revalidatePath("/runs");
  return started;
}
