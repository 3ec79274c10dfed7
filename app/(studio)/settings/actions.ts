"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireRole } from "@/lib/auth/session";
import { createUser, newUserSchema } from "@/lib/auth/users";
import { db } from "@/lib/db/client";

const addUserSchema = newUserSchema.extend({ role: z.enum(["admin", "reviewer", "viewer"]) });

export type FormState = { error?: string; ok?: string; values?: { name?: string; email?: string; role?: string } };

export async function addUserAction(_prev: FormState, form: FormData): Promise<FormState> {
  await requireRole("admin");
  // a refused form comes back with what was typed (but the password), so nothing is entered twice
  const values = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? ""), role: String(form.get("role") ?? "") };
  const parsed = addUserSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Invalid input", values };
  const { role, ...user } = parsed.data;
  const created = await createUser(db(), user, role);
  if (!created.ok) return { error: created.error, values };
  revalidatePath("/settings");
  return { ok: `Added ${user.email} as ${role}` };
}
