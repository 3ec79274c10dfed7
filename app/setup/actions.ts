"use server";

import { redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import { auth } from "@/lib/auth/session";
import { createFirstAdmin, newUserSchema } from "@/lib/auth/users";

export type FormState = { error?: string; values?: { name?: string; email?: string } };

export async function createFirstAdminAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? "") };
  const parsed = newUserSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Invalid input", values };
  const created = await createFirstAdmin(db(), parsed.data);
  if (!created.ok) return { error: created.error, values };
  await auth().api.signInEmail({ body: { email: parsed.data.email, password: parsed.data.password } });
  redirect("/");
}
