import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { env } from "../env";
import {
  envRoleConfig,
  parseRoleOverrides,
  publicRoleConfig,
  publicRoleConfigs,
  readRoleOverrides,
  resolveRole,
  saveRoleOverrides,
  SETTINGS_KEY,
} from "./config";
import { createGateway } from "./gateway";

const ROLE_KEY = "sk-env-judge-4b1d0c9e77";

// These tests stand in for an operator's environment; roleEnv reads it live.
function withEnv(vars: Record<string, string>) {
  Object.assign(process.env, vars);
  return () => Object.keys(vars).forEach((k) => delete process.env[k]);
}

describe("role configuration", () => {
  let t: TestDb;
  let restore = () => {};
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterEach(() => restore());

  it.skipIf(Boolean(env.OPENAI_API_KEY))("puts a role on the offline provider when no key is configured", () => {
    const { config, apiKey } = resolveRole("generator");
    expect(config).toMatchObject({ provider: "offline", model: "offline" });
    expect(apiKey).toBeUndefined();
  });

  it("takes a role's key, endpoint and model from the environment and sends the key only to that endpoint", () => {
    restore = withEnv({
      STUDIO_JUDGE_API_KEY: ROLE_KEY,
      STUDIO_JUDGE_BASE_URL: "https://llm.example.com/v1",
      STUDIO_JUDGE_MODEL: "kimi-k2",
      STUDIO_JUDGE_CONCURRENCY: "4",
    });
    const fromEnv = resolveRole("judge");
    expect(fromEnv).toMatchObject({
      apiKey: ROLE_KEY,
      config: { provider: "openai", baseUrl: "https://llm.example.com/v1", model: "kimi-k2", concurrency: 4, temperature: 0 },
    });

    const redirected = resolveRole("judge", { baseUrl: "https://elsewhere.example.net/v1" });
    expect(redirected.apiKey).toBeUndefined();
    expect(redirected.config).toMatchObject({ provider: "openai", baseUrl: "https://elsewhere.example.net/v1" });

    const shown = publicRoleConfig(fromEnv);
    expect(shown).toMatchObject({ role: "judge", provider: "openai", model: "kimi-k2", hasApiKey: true });
    expect(JSON.stringify(shown)).not.toContain(ROLE_KEY);
  });

  it("keeps a role offline when the environment says so, key or not", () => {
    restore = withEnv({ STUDIO_TOOL_PROVIDER: "offline", STUDIO_TOOL_API_KEY: ROLE_KEY });
    expect(resolveRole("tool").config).toMatchObject({ provider: "offline", model: "offline" });
    expect(resolveRole("tool", { provider: "openai" }).config).toMatchObject({ provider: "openai", model: "gpt-4.1-mini" });
  });

  it("fails loudly on an environment variable that is not a number", () => {
    restore = withEnv({ STUDIO_AGENT_TEMPERATURE: "hot" });
    expect(() => envRoleConfig("agent")).toThrow(/STUDIO_AGENT_TEMPERATURE is not a number/);
  });

  it("refuses saved settings with secrets, unknown fields or values out of range, with a message", () => {
    const withKey = parseRoleOverrides({ judge: { apiKey: "sk-nope" } });
    expect(withKey.ok).toBe(false);
    expect(!withKey.ok && withKey.message).toMatch(/apiKey/);
    expect(parseRoleOverrides({ judge: { temperature: 5 } }).ok).toBe(false);
    expect(parseRoleOverrides({ wizard: { model: "x" } }).ok).toBe(false);
    expect(parseRoleOverrides({ agent: { model: "qwen3", concurrency: 4, baseUrl: "http://localhost:11434/v1" } })).toEqual({
      ok: true,
      value: { agent: { model: "qwen3", concurrency: 4, baseUrl: "http://localhost:11434/v1" } },
    });
  });

  it("stores overrides in the Setting table, applies them to new gateways and shows them without secrets", async () => {
    restore = withEnv({ STUDIO_JUDGE_API_KEY: ROLE_KEY });
    const saved = await saveRoleOverrides(t.db, { judge: { model: "judge-large", maxTokens: 900 }, tool: { provider: "offline" } });
    expect(saved.ok).toBe(true);
    expect(await readRoleOverrides(t.db)).toEqual({ judge: { model: "judge-large", maxTokens: 900 }, tool: { provider: "offline" } });
    const gw = createGateway({ db: t.db });
    expect(await gw.info("judge")).toMatchObject({ provider: "openai", model: "judge-large", maxTokens: 900, hasApiKey: true });
    expect(await gw.info("tool")).toMatchObject({ provider: "offline", model: "offline" });
    expect(JSON.stringify(await publicRoleConfigs(t.db))).not.toContain(ROLE_KEY);
  });

  it("ignores a saved value it cannot read instead of failing", async () => {
    await t.db.setting.upsert({
      where: { key: SETTINGS_KEY },
      create: { key: SETTINGS_KEY, value: { judge: { model: 42 } } },
      update: { value: { judge: { model: 42 } } },
    });
    expect(await readRoleOverrides(t.db)).toEqual({});
  });
});
