import { z } from "zod";
import type { Db, Prisma } from "../db/client";
import { env, roleEnv } from "../env";
import { LLM_ROLES, providerNameSchema, type LlmRole } from "./types";

export const SETTINGS_KEY = "llm.roles";
export const OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";
export const OFFLINE_MODEL = "offline";

/** Everything about a role that may be shown and edited: no secrets here, ever. */
export const roleConfigSchema = z
  .object({
    provider: providerNameSchema,
    baseUrl: z.url({ protocol: /^https?$/ }),
    model: z.string().trim().min(1).max(200),
    temperature: z.number().min(0).max(2),
    maxTokens: z.number().int().min(1).max(1_000_000),
    concurrency: z.number().int().min(1).max(4096),
    /** 0 means no limit. */
    requestsPerMinute: z.number().int().min(0),
    /** 0 means no limit. */
    tokensPerMinute: z.number().int().min(0),
    supportsJsonSchema: z.boolean(),
    timeoutMs: z.number().int().min(1).max(3_600_000),
    /** Texts per embeddings request. */
    batchSize: z.number().int().min(1).max(4096),
  })
  .strict();
export type RoleConfig = z.infer<typeof roleConfigSchema>;

export const roleOverrideSchema = roleConfigSchema.partial().strict();
export type RoleOverride = z.infer<typeof roleOverrideSchema>;

export const roleOverridesSchema = z.partialRecord(z.enum(LLM_ROLES), roleOverrideSchema);
export type RoleOverrides = z.infer<typeof roleOverridesSchema>;

/** What the gateway uses: the public config and, apart from it, the key. */
export type ResolvedRole = { role: LlmRole; config: RoleConfig; apiKey?: string };

export type PublicRoleConfig = RoleConfig & { role: LlmRole; hasApiKey: boolean };

/** An override given in code (tests, CLI): may carry a key, which never reaches the database. */
export type RoleOption = RoleOverride & { apiKey?: string };

const DEFAULT_TEMPERATURE: Record<LlmRole, number> = { generator: 0.8, agent: 0.7, user: 0.8, tool: 0.3, judge: 0, embedding: 0 };
const DEFAULT_OPENAI_MODEL: Record<LlmRole, string> = {
  generator: "gpt-4.1-mini",
  agent: "gpt-4.1-mini",
  user: "gpt-4.1-mini",
  tool: "gpt-4.1-mini",
  judge: "gpt-4.1-mini",
  embedding: "text-embedding-3-small",
};

function envKey(role: LlmRole): string | undefined {
  return roleEnv(role, "API_KEY") ?? env.OPENAI_API_KEY;
}

function envBaseUrl(role: LlmRole): string {
  return roleEnv(role, "BASE_URL") ?? env.OPENAI_BASE_URL ?? OPENAI_DEFAULT_BASE_URL;
}

function envNumber(role: LlmRole, key: string): number | undefined {
  const raw = roleEnv(role, key);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`STUDIO_${role.toUpperCase()}_${key} is not a number: "${raw}"`);
  return value;
}

function envBoolean(role: LlmRole, key: string): boolean | undefined {
  const raw = roleEnv(role, key)?.toLowerCase();
  if (raw === undefined) return undefined;
  if (["1", "true", "yes"].includes(raw)) return true;
  if (["0", "false", "no"].includes(raw)) return false;
  throw new Error(`STUDIO_${role.toUpperCase()}_${key} is not a boolean: "${raw}"`);
}

/** A role's configuration from the environment alone; fails loudly on an invalid variable. */
export function envRoleConfig(role: LlmRole): RoleConfig {
  const provider = roleEnv(role, "PROVIDER") ?? (envKey(role) ? "openai" : "offline");
  const candidate = {
    provider,
    baseUrl: envBaseUrl(role),
    model: roleEnv(role, "MODEL") ?? (provider === "offline" ? OFFLINE_MODEL : DEFAULT_OPENAI_MODEL[role]),
    temperature: envNumber(role, "TEMPERATURE") ?? DEFAULT_TEMPERATURE[role],
    maxTokens: envNumber(role, "MAX_TOKENS") ?? 4096,
    concurrency: envNumber(role, "CONCURRENCY") ?? (provider === "offline" ? 64 : 8),
    requestsPerMinute: envNumber(role, "REQUESTS_PER_MINUTE") ?? 0,
    tokensPerMinute: envNumber(role, "TOKENS_PER_MINUTE") ?? 0,
    supportsJsonSchema: envBoolean(role, "SUPPORTS_JSON_SCHEMA") ?? true,
    timeoutMs: envNumber(role, "TIMEOUT_MS") ?? 120_000,
    batchSize: envNumber(role, "BATCH_SIZE") ?? 64,
  };
  const parsed = roleConfigSchema.safeParse(candidate);
  if (!parsed.success) throw new Error(`Invalid LLM settings for role ${role}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

function sameEndpoint(a: string, b: string): boolean {
  return a.replace(/\/+$/, "") === b.replace(/\/+$/, "");
}

/**
 * Environment defaults, then the admin's saved overrides, then overrides given
 * in code. An environment key is only sent to the endpoint it was configured
 * for, so changing a base URL in the UI can never ship the key elsewhere.
 */
export function resolveRole(role: LlmRole, saved: RoleOverride = {}, given: RoleOption = {}): ResolvedRole {
  const { apiKey: givenKey, ...givenConfig } = given;
  const fromEnv = envRoleConfig(role);
  const merged = { ...fromEnv, ...saved, ...givenConfig };
  const providerChosen = givenConfig.provider ?? saved.provider ?? roleEnv(role, "PROVIDER");
  const apiKey = givenKey ?? (sameEndpoint(merged.baseUrl, fromEnv.baseUrl) ? envKey(role) : undefined);
  if (!providerChosen) merged.provider = apiKey || fromEnv.provider === "openai" ? "openai" : "offline";
  const modelChosen = givenConfig.model ?? saved.model ?? roleEnv(role, "MODEL");
  merged.model = modelChosen ?? (merged.provider === "offline" ? OFFLINE_MODEL : DEFAULT_OPENAI_MODEL[role]);
  const config = roleConfigSchema.parse(merged);
  return { role, config, ...(apiKey ? { apiKey } : {}) };
}

export type OverridesResult = { ok: true; value: RoleOverrides } | { ok: false; message: string };

/** Validates overrides an admin submitted; the message is meant for them. */
export function parseRoleOverrides(input: unknown): OverridesResult {
  const parsed = roleOverridesSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, message: z.prettifyError(parsed.error) };
}

export async function readRoleOverrides(db: Db): Promise<RoleOverrides> {
  const row = await db.setting.findUnique({ where: { key: SETTINGS_KEY } });
  if (!row) return {};
  const parsed = roleOverridesSchema.safeParse(row.value);
  // A saved value from an older version must not take the studio down: fall back to the environment.
  return parsed.success ? parsed.data : {};
}

export async function saveRoleOverrides(db: Db, input: unknown): Promise<OverridesResult> {
  const parsed = parseRoleOverrides(input);
  if (!parsed.ok) return parsed;
  const value = parsed.value as Prisma.InputJsonValue;
  await db.setting.upsert({ where: { key: SETTINGS_KEY }, create: { key: SETTINGS_KEY, value }, update: { value } });
  return parsed;
}

export async function resolveRoles(db: Db, given: Partial<Record<LlmRole, RoleOption>> = {}): Promise<Record<LlmRole, ResolvedRole>> {
  const saved = await readRoleOverrides(db);
  return Object.fromEntries(LLM_ROLES.map((role) => [role, resolveRole(role, saved[role], given[role])])) as Record<LlmRole, ResolvedRole>;
}

/** The part of a role's configuration that may reach the browser (built field by field, so a secret cannot slip in). */
export function publicRoleConfig(resolved: ResolvedRole): PublicRoleConfig {
  const c = resolved.config;
  return {
    role: resolved.role,
    provider: c.provider,
    baseUrl: c.baseUrl,
    model: c.model,
    temperature: c.temperature,
    maxTokens: c.maxTokens,
    concurrency: c.concurrency,
    requestsPerMinute: c.requestsPerMinute,
    tokensPerMinute: c.tokensPerMinute,
    supportsJsonSchema: c.supportsJsonSchema,
    timeoutMs: c.timeoutMs,
    batchSize: c.batchSize,
    hasApiKey: Boolean(resolved.apiKey),
  };
}

/** Every role's public configuration, for the Settings page. */
export async function publicRoleConfigs(db: Db): Promise<Record<LlmRole, PublicRoleConfig>> {
  const roles = await resolveRoles(db);
  return Object.fromEntries(LLM_ROLES.map((role) => [role, publicRoleConfig(roles[role])])) as Record<LlmRole, PublicRoleConfig>;
}
