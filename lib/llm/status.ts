import "server-only";
import { db } from "../db/client";
import { resolveRole, resolveRoles } from "./config";
import { LLM_ROLES } from "./types";

/** Roles served by the offline provider right now, settings included (every role when no key is configured). */
export async function offlineRoles(): Promise<string[]> {
  try {
    const roles = await resolveRoles(db());
    return LLM_ROLES.filter((r) => roles[r].config.provider === "offline");
  } catch {
    // Without the database the banner still tells the truth about the environment.
    return LLM_ROLES.filter((r) => resolveRole(r).config.provider === "offline");
  }
}
