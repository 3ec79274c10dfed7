import { z } from "zod";
import { idSchema } from "../actions/inputs";
import { roleSchema } from "./roles";
import { newUserSchema } from "./users";

// What the admin's forms for people send (see app/(studio)/settings).

export const addUserSchema = newUserSchema.extend({ role: roleSchema });
export const setUserRoleSchema = z.object({ userId: idSchema, role: roleSchema });
export const setUserActiveSchema = z.object({ userId: idSchema, active: z.boolean() });
/** The password's rules are checked by resetPassword, which tells what is wrong. */
export const resetPasswordSchema = z.object({ userId: idSchema, password: z.string().max(200) });
export const revokeSessionSchema = z.object({ sessionId: idSchema });

export type SetUserRoleInput = z.input<typeof setUserRoleSchema>;
export type SetUserActiveInput = z.input<typeof setUserActiveSchema>;
export type ResetPasswordInput = z.input<typeof resetPasswordSchema>;
export type RevokeSessionInput = z.input<typeof revokeSessionSchema>;
