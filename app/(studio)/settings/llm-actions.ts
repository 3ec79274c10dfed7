"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { formInput } from "@/lib/actions/inputs";
import { db } from "@/lib/db/client";
import { probeRole } from "@/lib/llm/endpoint-probe";
import { deletePrice, savePrice } from "@/lib/llm/prices";
import { resetRoleSettings, saveRoleSettings } from "@/lib/llm/role-settings";
import { priceFormSchema, roleFormSchema, testConnectionFormSchema } from "@/lib/llm/settings-forms";

export const saveRoleAction = defineAction("admin", formInput(roleFormSchema), async (input) => {
  const { intent, role, ...values } = input;
  if (intent === "reset") {
    await resetRoleSettings(db(), role);
    revalidatePath("/settings");
    return { ok: true, message: `The ${role} role follows the environment again` };
  }
  const saved = await saveRoleSettings(db(), role, values);
  if (!saved.ok) return saved;
  revalidatePath("/settings");
  return { ok: true, message: `Saved the ${role} role` };
});

export const savePriceAction = defineAction("admin", formInput(priceFormSchema), async (input) => {
  if (input.intent === "delete") {
    const deleted = await deletePrice(db(), input.model);
    revalidatePath("/settings");
    return deleted ? { ok: true, message: `Deleted the price of ${input.model}` } : { ok: false, error: `${input.model} has no price any more` };
  }
  const { intent: _intent, ...price } = input;
  const saved = await savePrice(db(), price);
  if (!saved.ok) return saved;
  revalidatePath("/settings");
  return { ok: true, message: `Saved the price of ${saved.value.model}` };
});

/** "Test connection": a few small requests to the role's endpoint; what its model accepts is stored and shown. */
export const testConnectionAction = defineAction("admin", formInput(testConnectionFormSchema), async ({ role }) => {
  const result = await probeRole(db(), role);
  revalidatePath("/settings");
  if (!result.ok) return { ok: false, error: `The ${role} endpoint did not work: ${result.message}` };
  if (result.offline) return { ok: true, message: `The ${role} role uses the offline provider: there is no endpoint to test` };
  const refuses = result.refusedParams.length ? `; refuses ${result.refusedParams.join(", ")}` : "";
  const structured = role === "embedding" ? "" : `; structured output by ${result.structuredOutput ?? "unknown"}`;
  return { ok: true, message: `${result.model} at ${result.endpoint} answered in ${result.latencyMs} ms${structured}${refuses}` };
});
