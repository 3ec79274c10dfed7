"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { formInput } from "@/lib/actions/inputs";
import { addUserSchema } from "@/lib/auth/user-inputs";
import { createUser } from "@/lib/auth/users";
import { db } from "@/lib/db/client";

export const addUserAction = defineAction("admin", formInput(addUserSchema), async ({ role, ...user }) => {
  const created = await createUser(db(), user, role);
  if (!created.ok) return { ok: false, error: created.error, fieldErrors: { email: created.error } };
  revalidatePath("/settings");
  return { ok: true, message: `Added ${user.email} as ${role}` };
});
