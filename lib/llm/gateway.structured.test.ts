import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestDb, type TestDb } from "../../test/db";
import { StructuredOutputError } from "./errors";
import { testGateway } from "./testing/harness";
import { startOpenAiTestServer, type OpenAiTestServer } from "./testing/openai-server";

const verdict = z.object({
  score: z.number().int().min(1).max(5),
  verdict: z.enum(["pass", "fail"]),
  reasons: z.array(z.string()).min(1),
});

const ask = [{ role: "user" as const, content: "Judge this trajectory about booking a hotel in Lisbon." }];

describe("gateway structured output", () => {
  let t: TestDb;
  let server: OpenAiTestServer;
  beforeAll(async () => {
    t = await createTestDb();
    server = await startOpenAiTestServer();
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  it("asks for a json_schema response and returns the value zod parsed", async () => {
    const gw = testGateway(t.db, server);
    const result = await gw.structured("judge", { messages: ask, schema: verdict, name: "verdict" }, { cache: false });
    expect(verdict.parse(result.value)).toEqual(result.value);
    const format = server.requests[0].body.response_format as { type: string; json_schema: { name: string; schema: { properties: object } } };
    expect(format.type).toBe("json_schema");
    expect(format.json_schema.name).toBe("verdict");
    expect(Object.keys(format.json_schema.schema.properties)).toEqual(["score", "verdict", "reasons"]);
  });

  it("feeds invalid output back for repair and succeeds, recording the failed attempts", async () => {
    const run = await t.db.run.create({ data: { kind: "judge" } });
    server.script(
      { reply: { content: "Sure! Here you go: {score: 3", usage: { prompt_tokens: 10, completion_tokens: 5 } } },
      { reply: { content: '{"score": 9, "verdict": "pass", "reasons": ["ok"]}', usage: { prompt_tokens: 20, completion_tokens: 5 } } },
      { reply: { content: '```json\n{"score": 4, "verdict": "pass", "reasons": ["booked"]}\n```', usage: { prompt_tokens: 30, completion_tokens: 5 } } },
    );
    const gw = testGateway(t.db, server);
    const result = await gw.structured("judge", { messages: ask, schema: verdict, name: "verdict" }, { runId: run.id, cache: false });
    expect(result.value).toEqual({ score: 4, verdict: "pass", reasons: ["booked"] });
    expect(result.usage).toEqual({ promptTokens: 60, completionTokens: 15 });

    const second = server.requests[1].body.messages as { role: string; content: string }[];
    expect(second.at(-2)).toEqual({ role: "assistant", content: "Sure! Here you go: {score: 3" });
    expect(second.at(-1)?.content).toMatch(/not valid JSON/);
    const third = server.requests[2].body.messages as { role: string; content: string }[];
    expect(third.at(-1)?.content).toMatch(/score/);

    await gw.flush();
    const calls = await t.db.llmCall.findMany({ where: { runId: run.id } });
    expect(calls.map((c) => c.status).sort()).toEqual(["error", "error", "ok"]);
    expect(calls.map((c) => c.error?.match(/attempt \d of 3/)?.[0]).sort()).toEqual(["attempt 1 of 3", "attempt 2 of 3", undefined]);
    expect(new Set(calls.map((c) => c.requestHash)).size).toBe(1);
  });

  it("gives up with a StructuredOutputError once the repairs run out, and records the call as failed", async () => {
    const run = await t.db.run.create({ data: { kind: "judge" } });
    server.script({ reply: { content: "no idea" } }, { reply: { content: '{"score": "high"}' } });
    const gw = testGateway(t.db, server);
    const call = gw.structured("judge", { messages: ask, schema: verdict, name: "verdict", maxRepairs: 1 }, { runId: run.id, cache: false });
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StructuredOutputError);
    expect((error as StructuredOutputError).message).toMatch(/judge: the model's "verdict" output was still invalid after 2 attempts/);
    expect((error as StructuredOutputError).lastOutput).toBe('{"score": "high"}');
    expect(server.requests).toHaveLength(2);
    await gw.flush();
    const calls = await t.db.llmCall.findMany({ where: { runId: run.id } });
    expect(calls.map((c) => c.status)).toEqual(["error", "error"]);
    expect(calls.some((c) => c.error?.includes("attempt 2 of 2"))).toBe(true);
  });

  it("puts the schema into the prompt for endpoints without json_schema support", async () => {
    server.script({ reply: { content: '<think>hmm</think>\n{"score": 5, "verdict": "fail", "reasons": ["x"]}' } });
    const gw = testGateway(t.db, server, { supportsJsonSchema: false, model: "plain-model" });
    const result = await gw.structured(
      "judge",
      { messages: [{ role: "system", content: "You judge." }, ...ask], schema: verdict, name: "verdict" },
      { cache: false },
    );
    expect(result.value).toEqual({ score: 5, verdict: "fail", reasons: ["x"] });
    const body = server.requests[0].body;
    expect(body.response_format).toBeUndefined();
    const system = (body.messages as { role: string; content: string }[])[0];
    expect(system.role).toBe("system");
    expect(system.content).toMatch(/^You judge\.\n\n/);
    expect(system.content).toContain('"verdict":{"type":"string","enum":["pass","fail"]}');
  });

  it("serves a repeated structured request from the cache with its value", async () => {
    const gw = testGateway(t.db, server);
    const first = await gw.structured("generator", { messages: ask, schema: verdict, name: "verdict" }, { seed: 3 });
    const second = await gw.structured("generator", { messages: ask, schema: verdict, name: "verdict" }, { seed: 3 });
    expect(server.requests).toHaveLength(1);
    expect(second).toMatchObject({ cached: true, costUsd: 0, value: first.value, usage: first.usage });
  });
});
