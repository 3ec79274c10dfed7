import { inspect } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createTestDb, type TestDb } from "../../test/db";
import { publicRoleConfigs } from "./config";
import { TEST_API_KEY, testGateway } from "./testing/harness";
import { startOpenAiTestServer, type OpenAiTestServer } from "./testing/openai-server";
import { LLM_ROLES } from "./types";

const question = { messages: [{ role: "user" as const, content: "Which tools look up flights?" }] };

describe("gateway accounting, cache and secrets", () => {
  let t: TestDb;
  let server: OpenAiTestServer;
  beforeAll(async () => {
    t = await createTestDb();
    server = await startOpenAiTestServer();
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  it("answers a repeated request from the cache: no request, no cost, same data, recorded as cached", async () => {
    await t.db.modelPrice.create({ data: { model: "cached-model", inputPerMillionUsd: 1, outputPerMillionUsd: 1 } });
    const run = await t.db.run.create({ data: { kind: "synthesize_tools" } });
    const gw = testGateway(t.db, server, { model: "cached-model" });
    const first = await gw.chat("generator", question, { seed: 1, runId: run.id });
    const second = await gw.chat("generator", question, { seed: 1, runId: run.id });
    expect(server.requests).toHaveLength(1);
    expect(first.cached).toBe(false);
    expect(first.costUsd).toBeGreaterThan(0);
    expect(second).toMatchObject({ cached: true, costUsd: 0, text: first.text, toolCalls: first.toolCalls, usage: first.usage, model: first.model });
    await gw.flush();
    const calls = await t.db.llmCall.findMany({ where: { runId: run.id }, orderBy: { status: "desc" } });
    expect(calls.map((c) => [c.status, c.cached, c.costUsd > 0, c.promptTokens > 0])).toEqual([
      ["ok", false, true, true],
      ["cached", true, false, false],
    ]);
    expect(calls[0].requestHash).toBe(calls[1].requestHash);
    await gw.flush();
    const after = await t.db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(after.promptTokens).toBe(first.usage.promptTokens);
  });

  it("records every attempt of a retried request, with the endpoint's time apart from backing off", async () => {
    const run = await t.db.run.create({ data: { kind: "synthesize_tools" } });
    server.script({ status: 500 }, { status: 503 }, { latencyMs: 150, reply: { content: "third time" } });
    const gw = testGateway(t.db, server, { model: "flaky" }, { retry: { baseDelayMs: 200, maxDelayMs: 400, maxRetries: 3 } });
    expect((await gw.chat("agent", question, { runId: run.id, cache: false })).text).toBe("third time");
    await gw.flush();
    const calls = await t.db.llmCall.findMany({ where: { runId: run.id }, orderBy: { attempt: "asc" } });
    expect(calls.map((c) => [c.attempt, c.status])).toEqual([
      [1, "error"],
      [2, "error"],
      [3, "ok"],
    ]);
    expect(calls[0].error).toMatch(/500/);
    expect(calls[0].backoffMs).toBe(0);
    expect(calls[1].backoffMs).toBeGreaterThanOrEqual(100); // half the first delay at least
    expect(calls[2].latencyMs).toBeGreaterThanOrEqual(140);
    expect(calls[2].backoffMs).toBeGreaterThanOrEqual(100); // its wait is counted apart, not as the endpoint's time
  });

  it("skips the cache when asked, and keys it by seed", async () => {
    const gw = testGateway(t.db, server, { model: "uncached-model" });
    await gw.chat("generator", question, { seed: 1, cache: false });
    await gw.chat("generator", question, { seed: 1, cache: false });
    await gw.chat("generator", question, { seed: 2 });
    await gw.chat("generator", question, { seed: 3 });
    expect(server.requests).toHaveLength(4);
  });

  it("prices calls from the ModelPrice table and adds tokens and cost to the run", async () => {
    await t.db.modelPrice.create({ data: { model: "priced-model", inputPerMillionUsd: 2, outputPerMillionUsd: 10 } });
    const run = await t.db.run.create({ data: { kind: "judge" } });
    const gw = testGateway(t.db, server, { model: "priced-model" });
    server.script(
      { reply: { content: "a", usage: { prompt_tokens: 1000, completion_tokens: 500 } } },
      { reply: { content: "b", usage: { prompt_tokens: 3000, completion_tokens: 0 } } },
    );
    const [a, b] = await Promise.all([
      gw.chat("judge", { messages: [{ role: "user", content: "a" }] }, { runId: run.id, cache: false }),
      gw.chat("judge", { messages: [{ role: "user", content: "b" }] }, { runId: run.id, cache: false }),
    ]);
    const costs = [a.costUsd, b.costUsd].sort();
    expect(costs[0]).toBeCloseTo(0.006, 10);
    expect(costs[1]).toBeCloseTo(0.007, 10);
    await gw.flush();
    const after = await t.db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(after).toMatchObject({ promptTokens: 4000, completionTokens: 500 });
    expect(after.costUsd).toBeCloseTo(0.013, 10);
    await gw.flush();
    const calls = await t.db.llmCall.findMany({ where: { runId: run.id } });
    expect(calls.reduce((sum, c) => sum + c.costUsd, 0)).toBeCloseTo(0.013, 10);
  });

  it("keeps the rest of a batch when one call names a run that does not exist, and reports the lost record", async () => {
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    const run = await t.db.run.create({ data: { kind: "judge" } });
    const gw = testGateway(t.db, server);
    await Promise.all([
      gw.chat("agent", { messages: [{ role: "user", content: "x" }] }, { runId: "no-such-run", cache: false }),
      gw.chat("agent", { messages: [{ role: "user", content: "y" }] }, { runId: run.id, cache: false }),
    ]);
    await expect(gw.flush()).rejects.toThrow(/accounting failed 1 time/);
    expect(await t.db.llmCall.count({ where: { runId: run.id } })).toBe(1);
    expect(quiet).toHaveBeenCalledOnce();
    quiet.mockRestore();
  });

  it("costs nothing for a model without a price", async () => {
    const gw = testGateway(t.db, server, { model: "unpriced-model" });
    const result = await gw.chat("agent", question, { cache: false });
    expect(result.costUsd).toBe(0);
  });

  it("embeds in batches, in order, once per distinct text, and caches the vectors", async () => {
    const gw = testGateway(t.db, server, { batchSize: 3 });
    const texts = ["book a flight", "cancel a flight", "weather in Paris", "book a flight", "hotel prices", "convert currency", "track a parcel"];
    const vectors = await gw.embed(texts);
    expect(server.requests.map((r) => (r.body.input as string[]).length)).toEqual([3, 3]);
    expect(vectors).toHaveLength(7);
    expect(vectors[3]).toEqual(vectors[0]);
    expect(vectors[0]).toHaveLength(256);
    const again = await gw.embed(["weather in Paris", "a new text"]);
    expect(server.requests).toHaveLength(3);
    expect(server.requests[2].body.input).toEqual(["a new text"]);
    expect(again[0]).toEqual(vectors[2]);
  });

  it("never lets the API key reach call records, the cache, role info or error messages", async () => {
    server.script({ status: 401, message: `Incorrect API key provided: ${TEST_API_KEY}` });
    const gw = testGateway(t.db, server, { model: "secret-model" });
    const failure = await gw.chat("agent", question, { cache: false }).catch((e: unknown) => e);
    await gw.chat("agent", question);
    await gw.structured("judge", { ...question, schema: z.object({ answer: z.string() }), name: "answer" });
    await gw.embed(["some text"]);
    expect(server.requests.every((r) => r.headers.authorization === `Bearer ${TEST_API_KEY}`)).toBe(true);

    await gw.flush();
    const seen = JSON.stringify({
      calls: await t.db.llmCall.findMany(),
      cache: await t.db.llmCacheEntry.findMany(),
      info: await Promise.all(LLM_ROLES.map((r) => gw.info(r))),
      settings: await publicRoleConfigs(t.db),
      error: inspect(failure, { depth: 10 }),
    });
    expect(seen).toContain("secret-model");
    expect(seen).toContain("[redacted]");
    expect(seen).not.toContain(TEST_API_KEY);
    expect(await gw.info("agent")).toMatchObject({ provider: "openai", model: "secret-model", baseUrl: server.url, hasApiKey: true });
  });
});
