"use server";

import { APIError } from "better-auth/api";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { definePublicAction } from "@/lib/actions/define-action";
import { formInput } from "@/lib/actions/inputs";
import { auth } from "@/lib/auth/session";
import { signInSchema } from "@/lib/auth/sign-in-schema";

export const signInAction = definePublicAction(formInput(signInSchema), async (body) => {
  try {
    // the request's headers carry the client's address, which the sign-in throttle counts
    await auth().api.signInEmail({ body, headers: await headers() });
  } catch (e) {
    // 429: too many attempts; 403: a deactivated account (told only after its password matched)
    if (e instanceof APIError) return { ok: false, error: e.statusCode === 429 || e.statusCode === 403 ? e.message : "Wrong email or password" };
    throw e;
  }
  redirect("/");
});
