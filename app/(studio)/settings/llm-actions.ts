"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { probeRole } from "@/lib/llm/endpoint-probe";
import { deletePrice, savePrice } from "@/lib/llm/prices";
import { resetRoleSettings, saveRoleSettings } from "@/lib/llm/role-settings";
import { llmRoleSchema } from "@/lib/llm/types";

export type SettingsFormState = { ok?: string; error?: string; fieldErrors?: Record<string, string> };

// Form fields arrive as text. An empty number stays undefined so the lib's schema can say "Required".
const formNumber = z
  .string()
  .optional()
  .transform((s) => (s === undefined || s.trim() === "" ? undefined : Number(s)));

const roleFormSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("save"),
    role: llmRoleSchema,
    provider: z.string(),
    baseUrl: z.string().trim(),
    model: z.string(),
    temperature: formNumber,
    maxTokens: formNumber,
    concurrency: formNumber,
    requestsPerMinute: formNumber,
    tokensPerMinute: formNumber,
    supportsJsonSchema: z.literal("on").optional().transform(Boolean),
    timeoutMs: formNumber,
    batchSize: formNumber,
  }),
  z.object({ intent: z.literal("reset"), role: llmRoleSchema }),
]);

export async function saveRoleAction(_prev: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  await requireRole("admin");
  const parsed = roleFormSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Invalid input" };
  const { intent, role, ...values } = parsed.data;
  if (intent === "reset") {
    await resetRoleSettings(db(), role);
    revalidatePath("/settings");
    return { ok: `The ${role} role follows the environment again` };
  }
  const saved = await saveRoleSettings(db(), role, values);
  if (!saved.ok) return { error: saved.message, fieldErrors: saved.fieldErrors };
  revalidatePath("/settings");
  return { ok: `Saved the ${role} role` };
}

const priceFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("save"), model: z.string(), inputPerMillionUsd: formNumber, outputPerMillionUsd: formNumber }),
  z.object({ intent: z.literal("delete"), model: z.string().min(1).max(200) }),
]);

export async function savePriceAction(_prev: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  await requireRole("admin");
  const parsed = priceFormSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Invalid input" };
  const input = parsed.data;
  if (input.intent === "delete") {
    const deleted = await deletePrice(db(), input.model);
    revalidatePath("/settings");
    return deleted ? { ok: `Deleted the price of ${input.model}` } : { error: `${input.model} has no price any more` };
  }
  const { intent: _intent, ...price } = input;
  const saved = await savePrice(db(), price);
  if (!saved.ok) return { error: saved.message, fieldErrors: saved.fieldErrors };
  revalidatePath("/settings");
  return { ok: `Saved the price of ${saved.value.model}` };
}

/** "Test connection": a few small requests to the role's endpoint; what its model accepts is stored and shown. */
export async function testConnectionAction(_prev: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  await requireRole("admin");
  const parsed = z.object({ role: llmRoleSchema }).safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Invalid input" };
  const { role } = parsed.data;
  const result = await probeRole(db(), role);
  revalidatePath("/settings");
  if (!result.ok) return { error: `The ${role} endpoint did not work: ${result.message}` };
  if (result.offline) return { ok: `The ${role} role uses the offline provider: there is no endpoint to test` };
  const refuses = result.refusedParams.length ? `; refuses ${result.refusedParams.join(", ")}` : "";
  const structured = role === "embedding" ? "" : `; structured output by ${result.structuredOutput ?? "unknown"}`;
  return { ok: `${result.model} at ${result.endpoint} answered in ${result.latencyMs} ms${structured}${refuses}` };
}
