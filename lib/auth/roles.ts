import type { UserRole } from "../db/client";

const RANK: Record<UserRole, number> = { viewer: 0, reviewer: 1, admin: 2 };

/** admin configures and starts runs, reviewer labels, viewer reads; each role can do what the ones below it can. */
export function hasRole(actual: UserRole | string | null | undefined, needed: UserRole): boolean {
  return actual != null && actual in RANK && RANK[actual as UserRole] >= RANK[needed];
}

export const ROLES: UserRole[] = ["admin", "reviewer", "viewer"];
