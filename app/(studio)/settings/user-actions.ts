"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireRole } from "@/lib/auth/session";
import { resetPassword, revokeSession, roleSchema, setUserActive, setUserRole, type AdminResult } from "@/lib/auth/user-admin";
import { db } from "@/lib/db/client";

const idSchema = z.string().min(1).max(64);

function invalid(error: z.ZodError): AdminResult {
  return { ok: false, error: error.issues[0]?.message ?? "Invalid input" };
}

export async function setUserRoleAction(userId: unknown, role: unknown): Promise<AdminResult> {
  await requireRole("admin");
  const parsed = z.tuple([idSchema, roleSchema]).safeParse([userId, role]);
  if (!parsed.success) return invalid(parsed.error);
  const res = await setUserRole(db(), ...parsed.data);
  revalidatePath("/settings");
  return res;
}

/** Deactivating ends every session of the user at once; reactivating lets them sign in again. */
export async function setUserActiveAction(userId: unknown, active: unknown): Promise<AdminResult> {
  await requireRole("admin");
  const parsed = z.tuple([idSchema, z.boolean()]).safeParse([userId, active]);
  if (!parsed.success) return invalid(parsed.error);
  const res = await setUserActive(db(), ...parsed.data);
  revalidatePath("/settings");
  return res;
}

export async function resetPasswordAction(userId: unknown, password: unknown): Promise<AdminResult> {
  const admin = await requireRole("admin");
  const parsed = z.tuple([idSchema, z.string().max(200)]).safeParse([userId, password]);
  if (!parsed.success) return invalid(parsed.error);
  const res = await resetPassword(db(), parsed.data[0], parsed.data[1], admin.id);
  revalidatePath("/settings");
  return res;
}

export async function revokeSessionAction(sessionId: unknown): Promise<AdminResult> {
  await requireRole("admin");
  const parsed = idSchema.safeParse(sessionId);
  if (!parsed.success) return invalid(parsed.error);
  const res = await revokeSession(db(), parsed.data);
  revalidatePath("/settings");
  return res;
}
