import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { LlmRequestError } from "./errors";
import { testGateway } from "./testing/harness";
import { startOpenAiTestServer, type OpenAiTestServer } from "./testing/openai-server";

const hi = { messages: [{ role: "user" as const, content: "Hi" }] };
const noCache = { cache: false };

describe("gateway retries, limits and cancellation", () => {
  let t: TestDb;
  let server: OpenAiTestServer;
  beforeAll(async () => {
    t = await createTestDb();
    server = await startOpenAiTestServer();
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  it("waits as long as Retry-After says after a 429, then succeeds", async () => {
    server.script({ status: 429, headers: { "retry-after": "1" } }, { reply: { content: "done" } });
    const gw = testGateway(t.db, server, { model: "retry-after" });
    const result = await gw.chat("agent", hi, noCache);
    expect(result.text).toBe("done");
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1].at - server.requests[0].at).toBeGreaterThanOrEqual(990);
  });

  it("after a 429 holds back the requests waiting for the slot it frees, also when it was the last attempt", async () => {
    server.script({ status: 429, headers: { "retry-after": "1" } }, { reply: { content: "a" } }, { reply: { content: "b" } });
    const gw = testGateway(t.db, server, { model: "one-at-a-time", concurrency: 1 }, { retry: { maxRetries: 0 } });
    const results = await Promise.allSettled([gw.chat("agent", hi, noCache), gw.chat("agent", hi, noCache), gw.chat("agent", hi, noCache)]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled", "fulfilled"]);
    expect(server.requests).toHaveLength(3);
    // the waiter took the freed slot only once the pause the 429 asked for was over
    expect(server.requests[1].at - server.requests[0].at).toBeGreaterThanOrEqual(990);
  });

  it("retries a 500, a dropped connection, a truncated body and a malformed body", async () => {
    server.script({ status: 500 }, { drop: true }, { truncate: true }, { reply: { content: "finally" } });
    server.script({ malformed: true }, { reply: { content: "again" } });
    const gw = testGateway(t.db, server, {}, { retry: { baseDelayMs: 2, maxDelayMs: 10, maxRetries: 4 } });
    expect((await gw.chat("agent", hi, noCache)).text).toBe("finally");
    expect((await gw.chat("agent", hi, noCache)).text).toBe("again");
    expect(server.requests).toHaveLength(6);
  });

  it("gives up on a request that exceeds the role's timeout and tries again", async () => {
    server.script({ latencyMs: 1_000, reply: { content: "too late" } }, { reply: { content: "in time" } });
    const gw = testGateway(t.db, server, { timeoutMs: 100, model: "impatient" });
    const started = performance.now();
    expect((await gw.chat("agent", hi, noCache)).text).toBe("in time");
    expect(performance.now() - started).toBeLessThan(900);
    expect(server.requests).toHaveLength(2);
  });

  it("does not retry a request the endpoint refuses, and records the failure", async () => {
    const run = await t.db.run.create({ data: { kind: "simulate" } });
    server.script({ status: 400, message: "model does not exist" });
    const gw = testGateway(t.db, server);
    const error = await gw.chat("agent", hi, { ...noCache, runId: run.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmRequestError);
    expect(error).toMatchObject({ status: 400, attempts: 1 });
    expect((error as Error).message).toMatch(/agent call to test-model at http:\/\/127\.0\.0\.1:\d+\/v1 failed after 1 attempt: 400 model does not exist/);
    expect(server.requests).toHaveLength(1);
    await gw.flush();
    const [call] = await t.db.llmCall.findMany({ where: { runId: run.id } });
    expect(call).toMatchObject({ status: "error", promptTokens: 0, costUsd: 0 });
    expect(call.error).toMatch(/model does not exist/);
  });

  it("fails with the last error once the retries run out", async () => {
    server.script({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    const gw = testGateway(t.db, server);
    const error = await gw.chat("agent", hi, noCache).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "LlmRequestError", status: 503, attempts: 4 });
    expect(server.requests).toHaveLength(4);
  });

  it("keeps no more requests in flight than the role's concurrency", async () => {
    server.latencyMs = 25;
    const gw = testGateway(t.db, server, { concurrency: 3, model: "capped" });
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => gw.chat("agent", { messages: [{ role: "user", content: `q${i}` }] }, noCache)));
    server.latencyMs = 0;
    expect(results).toHaveLength(12);
    expect(server.stats.maxInFlight).toBe(3);
  });

  it("spreads requests out to the requests-per-minute limit", async () => {
    // 1200/min = 20 per second, with a one-second burst of 20: the last 5 of 25 wait about 250 ms.
    const gw = testGateway(t.db, server, { requestsPerMinute: 1200, model: "rpm-limited" });
    const started = performance.now();
    await Promise.all(Array.from({ length: 25 }, (_, i) => gw.chat("agent", { messages: [{ role: "user", content: `r${i}` }] }, noCache)));
    expect(performance.now() - started).toBeGreaterThanOrEqual(200);
    expect(server.requests).toHaveLength(25);
  });

  it("aborts an in-flight call when the signal fires, and records it as cancelled", async () => {
    const run = await t.db.run.create({ data: { kind: "simulate" } });
    server.script({ latencyMs: 5_000 });
    const gw = testGateway(t.db, server);
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 30);
    const error = await gw.chat("agent", hi, { ...noCache, runId: run.id, signal: controller.signal }).catch((e: unknown) => e);
    expect((error as Error).name).toBe("AbortError");
    expect(performance.now() - started).toBeLessThan(1_000);
    await expect.poll(() => server.stats.disconnected).toBe(1);
    await gw.flush();
    const [call] = await t.db.llmCall.findMany({ where: { runId: run.id } });
    expect(call).toMatchObject({ status: "error" });
    expect(call.error).toMatch(/^cancelled/);
  });

  it("aborts a call still waiting for a slot without sending it", async () => {
    const gw = testGateway(t.db, server, { concurrency: 1, model: "one-at-a-time" });
    server.script({ latencyMs: 200, reply: { content: "first" } });
    const first = gw.chat("agent", hi, noCache);
    const controller = new AbortController();
    const second = gw.chat("agent", { messages: [{ role: "user", content: "second" }] }, { ...noCache, signal: controller.signal });
    setTimeout(() => controller.abort(new Error("run cancelled")), 20);
    await expect(second).rejects.toThrow("run cancelled");
    expect((await first).text).toBe("first");
    expect(server.requests).toHaveLength(1);
  });

  it("aborts a call waiting to retry", async () => {
    server.script({ status: 500 });
    const gw = testGateway(t.db, server, {}, { retry: { baseDelayMs: 10_000 } });
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 50);
    await expect(gw.chat("agent", hi, { ...noCache, signal: controller.signal })).rejects.toMatchObject({ name: "AbortError" });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(server.requests).toHaveLength(1);
  });
});
