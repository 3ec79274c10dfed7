import { z } from "zod";
import { UserRole } from "../db/generated/enums";

const RANK: Record<UserRole, number> = { viewer: 0, reviewer: 1, admin: 2 };

/** admin configures and starts runs, reviewer labels, viewer reads; each role can do what the ones below it can. */
export function hasRole(actual: UserRole | string | null | undefined, needed: UserRole): boolean {
  return actual != null && actual in RANK && RANK[actual as UserRole] >= RANK[needed];
}

export const roleSchema = z.enum(UserRole);
export const ROLES: UserRole[] = roleSchema.options;

/** What each role is for, as the forms that give one say it. */
export const ROLE_DUTIES: Record<UserRole, string> = { admin: "configures and runs", reviewer: "labels trajectories", viewer: "reads" };
