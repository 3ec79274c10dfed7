"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionResult } from "@/components/tools/action-result";
import { requireRole } from "@/lib/auth/session";
import { overruleQuality } from "@/lib/catalog/quality";
import { db } from "@/lib/db/client";

const overruleInput = z.object({ toolId: z.string().min(1).max(64), verdict: z.enum(["accepted", "rejected"]), note: z.string().trim().max(500) });

export async function overruleQualityAction(input: z.input<typeof overruleInput>): Promise<ActionResult> {
  const user = await requireRole("admin");
  const parsed = overruleInput.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid input" };
  await overruleQuality(db(), parsed.data.toolId, parsed.data.verdict, user.name, parsed.data.note);
  revalidatePath(`/tools/${parsed.data.toolId}`);
  revalidatePath("/tools");
  return { ok: true, message: `Marked ${parsed.data.verdict}.` };
}
