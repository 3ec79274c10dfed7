import { env } from "../env";

const ROLES = ["generator", "agent", "user", "tool", "judge", "embedding"] as const;

/** Roles served by the offline provider right now (every role when no API key is configured). */
export async function offlineRoles(): Promise<string[]> {
  return env.OPENAI_API_KEY ? [] : [...ROLES];
}
