import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { probeRole } from "./endpoint-probe";
import { TEST_API_KEY } from "./testing/harness";
import { startOpenAiTestServer, type OpenAiTestServer } from "./testing/openai-server";
import { LLM_ROLES } from "./types";

describe("Test connection: probing what an endpoint's model accepts", () => {
  let t: TestDb;
  let server: OpenAiTestServer;
  beforeAll(async () => {
    t = await createTestDb();
    server = await startOpenAiTestServer();
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  const rolesAt = (baseUrl: string, model: string) =>
    Object.fromEntries(LLM_ROLES.map((r) => [r, { provider: "openai" as const, baseUrl, apiKey: TEST_API_KEY, model }]));
  const quick = { retry: { baseDelayMs: 5, maxDelayMs: 10, maxRetries: 1 } };

  it("finds the best structured output and the refused parameters, replacing what was remembered, and stores when it tested", async () => {
    await t.db.endpointCapability.create({ data: { baseUrl: server.url, model: "probed-model", structuredOutput: "prompt", refusedParams: [] } });
    server.dialect = { structuredOutput: "tool", refuses: ["tool_choice_required"] };
    const result = await probeRole(t.db, "judge", { roles: rolesAt(server.url, "probed-model"), ...quick });
    expect(result).toMatchObject({
      ok: true,
      offline: false,
      endpoint: server.url,
      model: "probed-model",
      structuredOutput: "tool",
      refusedParams: ["tool_choice"],
    });
    const row = await t.db.endpointCapability.findUniqueOrThrow({ where: { baseUrl_model: { baseUrl: server.url, model: "probed-model" } } });
    expect(row).toMatchObject({ structuredOutput: "tool", refusedParams: ["tool_choice"] });
    expect(row.probedAt).toBeInstanceOf(Date);
    // every probe request went through the gateway's call log
    expect(await t.db.llmCall.count({ where: { model: "probed-model" } })).toBeGreaterThanOrEqual(2);
  });

  it("says why when the endpoint does not answer", async () => {
    const result = await probeRole(t.db, "agent", { roles: rolesAt("http://127.0.0.1:9/v1", "gone-model"), ...quick });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/agent call to gone-model at http:\/\/127\.0\.0\.1:9\/v1 failed after 2 attempts/);
  });

  it("has nothing to test for a role on the offline provider", async () => {
    expect(await probeRole(t.db, "agent", { roles: { agent: { provider: "offline" } } })).toEqual({ ok: true, offline: true });
  });
});
