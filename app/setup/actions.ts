"use server";

import { redirect } from "next/navigation";
import { definePublicAction } from "@/lib/actions/define-action";
import { formInput } from "@/lib/actions/inputs";
import { auth } from "@/lib/auth/session";
import { createFirstAdmin, newUserSchema } from "@/lib/auth/users";
import { db } from "@/lib/db/client";

export const createFirstAdminAction = definePublicAction(formInput(newUserSchema), async (user) => {
  const created = await createFirstAdmin(db(), user);
  if (!created.ok) return created;
  await auth().api.signInEmail({ body: { email: user.email, password: user.password } });
  redirect("/");
});
