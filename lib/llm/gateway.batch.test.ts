import { z } from "zod";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { errorOrigin } from "../jobs/error-origin";
import { LlmRequestError } from "./errors";
import { TEST_API_KEY, testGateway } from "./testing/harness";
import { startOpenAiTestServer, type OpenAiTestServer } from "./testing/openai-server";

const answer = z.object({ title: z.string(), score: z.number() });
const ask = (topic: string) => ({ messages: [{ role: "user" as const, content: `Name a ${topic}` }], schema: answer, name: "answer" });
const FAST = { gatherMs: 20, maxGatherMs: 200, pollMs: 10 };

async function until(check: () => boolean) {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

describe("gateway batch mode over the OpenAI Batch API", () => {
  let t: TestDb;
  let server: OpenAiTestServer;
  beforeAll(async () => {
    t = await createTestDb();
    server = await startOpenAiTestServer();
    await t.db.modelPrice.create({ data: { model: "test-model", inputPerMillionUsd: 1_000, outputPerMillionUsd: 2_000 } });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.reset();
    server.batch.hold = false;
    server.batch.failLine = null;
    server.batch.created.length = 0;
  });

  const newRun = async () => (await t.db.run.create({ data: { kind: "synthesize_tools" } })).id;

  it("sends a run's requests as one batch, settles each from the output file, and logs them as batch calls at half price", async () => {
    const runId = await newRun();
    const gw = testGateway(t.db, server, {}, { batch: { runId, ...FAST } });
    const results = await Promise.all(["city", "river", "mountain"].map((topic) => gw.structured("generator", ask(topic), { runId, cache: false })));
    expect(results.map((r) => answer.parse(r.value))).toHaveLength(3);
    // No chat request went out one by one: one upload, one batch of three lines.
    expect(server.requests.filter((r) => r.path.endsWith("/chat/completions"))).toHaveLength(0);
    expect(server.batch.created).toHaveLength(1);
    expect(server.batch.created[0].customIds).toHaveLength(3);
    const stored = await t.db.llmBatch.findMany({ where: { runId } });
    expect(stored).toMatchObject([{ id: server.batch.created[0].id, status: "completed", customIds: server.batch.created[0].customIds }]);

    await gw.flush();
    const calls = await t.db.llmCall.findMany({ where: { runId } });
    expect(calls).toHaveLength(3);
    for (const call of calls) {
      expect(call).toMatchObject({ batch: true, status: "ok" });
      const listed = (call.promptTokens * 1_000 + call.completionTokens * 2_000) / 1_000_000;
      expect(call.costUsd).toBeCloseTo(listed / 2, 10);
    }
    const run = await t.db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.costUsd).toBeCloseTo(
      calls.reduce((n, c) => n + c.costUsd, 0),
      10,
    );
  });

  it("a restarted run polls the batch it submitted instead of sending its requests again", async () => {
    const runId = await newRun();
    server.batch.hold = true;
    const stop = new AbortController();
    const first = testGateway(t.db, server, {}, { batch: { runId, ...FAST } });
    const before = Promise.allSettled(
      ["lake", "forest"].map((topic) => first.structured("generator", ask(topic), { runId, cache: false, signal: stop.signal })),
    );
    await until(() => server.batch.created.length === 1 && server.batch.retrieved > 0);
    stop.abort(new Error("worker stopped"));
    expect((await before).map((r) => r.status)).toEqual(["rejected", "rejected"]);

    // A new worker (a new gateway) takes the run up while the batch is still running, then the batch completes.
    const polledBefore = server.batch.retrieved;
    const second = testGateway(t.db, server, {}, { batch: { runId, ...FAST } });
    const after = Promise.all(["lake", "forest"].map((topic) => second.structured("generator", ask(topic), { runId, cache: false })));
    await until(() => server.batch.retrieved > polledBefore);
    server.batch.hold = false;
    const results = await after;
    expect(results.map((r) => answer.safeParse(r.value).success)).toEqual([true, true]);
    expect(server.batch.created).toHaveLength(1);
    expect(server.requests.filter((r) => r.path.endsWith("/chat/completions"))).toHaveLength(0);
  });

  it("a failed line in the error file fails only its own call, with the endpoint's reason, classed as the endpoint's", async () => {
    const runId = await newRun();
    server.batch.failLine = (body) => (JSON.stringify(body.messages).includes("volcano") ? "This request was flagged by the moderation system" : null);
    const gw = testGateway(t.db, server, {}, { batch: { runId, ...FAST } });
    const [good, bad] = await Promise.allSettled(["glacier", "volcano"].map((topic) => gw.structured("generator", ask(topic), { runId, cache: false })));
    expect(good.status).toBe("fulfilled");
    expect(bad.status).toBe("rejected");
    const error = (bad as PromiseRejectedResult).reason;
    expect(error).toBeInstanceOf(LlmRequestError);
    expect(error).toMatchObject({ status: 400, unreachable: false });
    expect((error as Error).message).toContain("flagged by the moderation system");
    expect(errorOrigin(error)).toBe("endpoint");
    expect(server.batch.created).toHaveLength(1);
    await gw.flush();
    const rows = await t.db.llmCall.findMany({ where: { runId }, orderBy: { status: "asc" } });
    expect(rows.map((r) => [r.status, r.batch])).toEqual([
      ["error", true],
      ["ok", true],
    ]);
    expect(rows[0].error).toContain("moderation");
    expect(JSON.stringify(rows)).not.toContain(TEST_API_KEY);
  });

  it("a run taken up again after its batch ended reads the answers it paid for; only the line that failed is asked again", async () => {
    const runId = await newRun();
    server.batch.failLine = (body) => (JSON.stringify(body.messages).includes("canyon") ? "server overloaded" : null);
    const first = testGateway(t.db, server, {}, { batch: { runId, ...FAST } });
    const before = await Promise.allSettled(["delta", "canyon"].map((topic) => first.structured("generator", ask(topic), { runId, cache: false })));
    expect(before.map((r) => r.status)).toEqual(["fulfilled", "rejected"]);
    server.batch.failLine = null;
    const second = testGateway(t.db, server, {}, { batch: { runId, ...FAST } });
    const after = await Promise.all(["delta", "canyon"].map((topic) => second.structured("generator", ask(topic), { runId, cache: false })));
    expect(after[0].value).toEqual((before[0] as PromiseFulfilledResult<{ value: unknown }>).value.value);
    expect(server.batch.created).toHaveLength(2);
    // the second batch holds the one line that failed, nothing else
    expect(server.batch.created[1].customIds).toHaveLength(1);
    expect(server.batch.created[0].customIds).toContain(server.batch.created[1].customIds[0]);
  });

  it("an endpoint that is down while the batch is submitted fails the calls as unreachable (the run pauses, not the item)", async () => {
    const runId = await newRun();
    const down = await startOpenAiTestServer();
    await down.close();
    const gw = testGateway(t.db, down, {}, { batch: { runId, ...FAST }, retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 2 } });
    const error = await gw.structured("generator", ask("bay"), { runId, cache: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmRequestError);
    expect(error).toMatchObject({ unreachable: true });
  });
});
