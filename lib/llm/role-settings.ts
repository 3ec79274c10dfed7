import "server-only";
import type { Db } from "../db/client";
import { readRoleOverrides, resolveRole, roleConfigSchema, saveRoleOverrides, type RoleConfig, type RoleOverride } from "./config";
import { numberMessages } from "../actions/inputs";
import { refusedBy, type Result } from "../actions/result";
import type { LlmRole } from "./types";

/**
 * Only what differs from the environment becomes an override, so a field the
 * admin left alone keeps following the environment (a key added later still
 * switches an untouched role from offline to its endpoint).
 */
export function overrideFrom(role: LlmRole, values: RoleConfig): RoleOverride {
  const fromEnv = resolveRole(role).config;
  return Object.fromEntries(Object.entries(values).filter(([field, value]) => fromEnv[field as keyof RoleConfig] !== value)) as RoleOverride;
}

/** Saves one role's settings as an admin submitted them (every field of RoleConfig; keys are not among them). */
export async function saveRoleSettings(db: Db, role: LlmRole, input: unknown): Promise<Result<{ value: RoleOverride }>> {
  const parsed = roleConfigSchema.safeParse(input, { error: numberMessages });
  if (!parsed.success) return refusedBy(parsed.error);
  const override = overrideFrom(role, parsed.data);
  const { [role]: _previous, ...others } = await readRoleOverrides(db);
  const saved = await saveRoleOverrides(db, Object.keys(override).length ? { ...others, [role]: override } : others);
  if (!saved.ok) return { ok: false, error: saved.message };
  return { ok: true, value: override };
}

/** Forgets the role's saved settings: it follows the environment again. */
export async function resetRoleSettings(db: Db, role: LlmRole): Promise<void> {
  const { [role]: _previous, ...others } = await readRoleOverrides(db);
  await saveRoleOverrides(db, others);
}
