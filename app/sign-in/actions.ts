"use server";

import { APIError } from "better-auth/api";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { auth } from "@/lib/auth/session";

const signInSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email"),
  password: z.string().min(1, "Enter your password"),
});

export type FormState = { error?: string; values?: { name?: string; email?: string } };

export async function signInAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? "") };
  const parsed = signInSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Invalid input", values };
  try {
    // the request's headers carry the client's address, which the sign-in throttle counts
    await auth().api.signInEmail({ body: parsed.data, headers: await headers() });
  } catch (e) {
    // 429: too many attempts; 403: a deactivated account (told only after its password matched)
    if (e instanceof APIError) return { error: e.statusCode === 429 || e.statusCode === 403 ? e.message : "Wrong email or password", values };
    throw e;
  }
  redirect("/");
}
