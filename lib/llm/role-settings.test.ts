import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { publicRoleConfig, readRoleOverrides, resolveRole, resolveRoles, saveRoleOverrides } from "./config";
import { createGateway } from "./gateway";
import { resetRoleSettings, saveRoleSettings } from "./role-settings";

// What the Settings form submits: the role's whole public configuration, edited.
const formFor = (role: "judge" | "agent", changes: Record<string, unknown>) => {
  const { role: _r, hasApiKey: _k, ...config } = publicRoleConfig(resolveRole(role));
  return { ...config, ...changes };
};

function withEnv(vars: Record<string, string>) {
  Object.assign(process.env, vars);
  return () => Object.keys(vars).forEach((k) => delete process.env[k]);
}

describe("editing a role's settings", () => {
  let t: TestDb;
  let restore = () => {};
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterEach(async () => {
    restore();
    restore = () => {};
    await saveRoleOverrides(t.db, {});
  });

  it("stores only the fields that differ from the environment, and the gateway uses them", async () => {
    await saveRoleOverrides(t.db, { agent: { temperature: 1.5 } });
    const saved = await saveRoleSettings(t.db, "judge", formFor("judge", { model: "judge-large", maxTokens: 512 }));
    expect(saved).toEqual({ ok: true, value: { model: "judge-large", maxTokens: 512 } });
    expect(await readRoleOverrides(t.db)).toEqual({ agent: { temperature: 1.5 }, judge: { model: "judge-large", maxTokens: 512 } });
    expect(await createGateway({ db: t.db }).info("judge")).toMatchObject({ model: "judge-large", maxTokens: 512 });
  });

  it("lets an untouched field follow the environment: a key configured later still applies", async () => {
    await saveRoleSettings(t.db, "judge", formFor("judge", { concurrency: 3 }));
    restore = withEnv({ STUDIO_JUDGE_API_KEY: "sk-later-3f9a2c", STUDIO_JUDGE_MODEL: "kimi-k2" });
    const { judge } = await resolveRoles(t.db);
    expect(judge.config).toMatchObject({ provider: "openai", model: "kimi-k2", concurrency: 3 });
    expect(judge.apiKey).toBe("sk-later-3f9a2c");
  });

  it("forgets a role's override when every field is back at the environment's value, or on reset", async () => {
    await saveRoleSettings(t.db, "judge", formFor("judge", { model: "judge-large" }));
    await saveRoleSettings(t.db, "agent", formFor("agent", { temperature: 0.1 }));
    expect(await saveRoleSettings(t.db, "judge", formFor("judge", {}))).toEqual({ ok: true, value: {} });
    expect(await readRoleOverrides(t.db)).toEqual({ agent: { temperature: 0.1 } });
    await resetRoleSettings(t.db, "agent");
    expect(await readRoleOverrides(t.db)).toEqual({});
  });

  it("rejects invalid values field by field and saves nothing", async () => {
    const result = await saveRoleSettings(
      t.db,
      "judge",
      formFor("judge", { temperature: 5, maxTokens: Number.NaN, concurrency: undefined, baseUrl: "ftp://x" }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors).toMatchObject({ maxTokens: "Must be a number", concurrency: "Required" });
    expect(result.fieldErrors?.temperature).toMatch(/2/);
    expect(result.fieldErrors?.baseUrl).toBeDefined();
    expect(await readRoleOverrides(t.db)).toEqual({});
  });

  it("refuses a key or any field it does not know, so a secret can never be stored with the settings", async () => {
    const result = await saveRoleSettings(t.db, "judge", formFor("judge", { apiKey: "sk-should-not-be-stored" }));
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/apiKey/) });
    expect(JSON.stringify(await t.db.setting.findMany())).not.toContain("sk-should-not-be-stored");
  });
});
