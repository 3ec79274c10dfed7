"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { resetPassword, revokeSession, setUserActive, setUserRole } from "@/lib/auth/user-admin";
import { resetPasswordSchema, revokeSessionSchema, setUserActiveSchema, setUserRoleSchema } from "@/lib/auth/user-inputs";
import { db } from "@/lib/db/client";

export const setUserRoleAction = defineAction("admin", setUserRoleSchema, async ({ userId, role }) => {
  const res = await setUserRole(db(), userId, role);
  revalidatePath("/settings");
  return res;
});

/** Deactivating ends every session of the user at once; reactivating lets them sign in again. */
export const setUserActiveAction = defineAction("admin", setUserActiveSchema, async ({ userId, active }) => {
  const res = await setUserActive(db(), userId, active);
  revalidatePath("/settings");
  return res;
});

export const resetPasswordAction = defineAction("admin", resetPasswordSchema, async ({ userId, password }, admin) => {
  const res = await resetPassword(db(), userId, password, admin.id);
  revalidatePath("/settings");
  return res;
});

export const revokeSessionAction = defineAction("admin", revokeSessionSchema, async ({ sessionId }) => {
  const res = await revokeSession(db(), sessionId);
  revalidatePath("/settings");
  return res;
});
