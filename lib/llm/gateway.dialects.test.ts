import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestDb, type TestDb } from "../../test/db";
import { testGateway } from "./testing/harness";
import { startOpenAiTestServer, type OpenAiTestServer } from "./testing/openai-server";
import { TruncatedReplyError } from "./truncated-reply";
import type { ToolDefinition } from "./types";

const weather: ToolDefinition = {
  name: "get_weather",
  description: "Current weather for a city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};
const ask = [{ role: "user" as const, content: "Weather in Paris and Rome?" }];
const twoCalls = {
  toolCalls: [
    { name: "get_weather", arguments: { city: "Paris" } },
    { name: "get_weather", arguments: { city: "Rome" } },
  ],
};
const verdict = z.object({ score: z.number().int().min(1).max(5), verdict: z.enum(["pass", "fail"]) });
const judgeAsk = [
  { role: "system" as const, content: "You judge." },
  { role: "user" as const, content: "Judge this trajectory." },
];

describe("gateway against endpoints that speak other dialects", () => {
  let t: TestDb;
  let server: OpenAiTestServer;
  beforeAll(async () => {
    t = await createTestDb();
    server = await startOpenAiTestServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.reset();
    server.dialect = null;
  });

  it("keeps Kimi's functions.name:n tool-call ids, and makes unique ones (source kept as null) where the endpoint sends none", async () => {
    const gw = testGateway(t.db, server);
    server.dialect = { toolCallIds: "kimi" };
    server.script({ reply: twoCalls });
    const kimi = await gw.chat("agent", { messages: ask, tools: [weather] }, { cache: false });
    expect(kimi.toolCalls.map((c) => [c.id, c.sourceId])).toEqual([
      ["functions.get_weather:0", undefined],
      ["functions.get_weather:1", undefined],
    ]);

    server.dialect = { toolCallIds: "missing" };
    server.script({ reply: twoCalls });
    const missing = await gw.chat("agent", { messages: ask, tools: [weather] }, { cache: false });
    expect((server.requests[1].body.tools as unknown[]).length).toBe(1);
    expect(missing.toolCalls.map((c) => [c.id, c.sourceId, c.arguments])).toEqual([
      ["call_0", null, { city: "Paris" }],
      ["call_1", null, { city: "Rome" }],
    ]);
  });

  it("reads Hermes <tool_call> tags in the text as tool calls, keeping the reply's raw text", async () => {
    server.dialect = { toolCallsInContent: true };
    server.script({ reply: { content: "Let me look both up.", ...twoCalls } });
    const gw = testGateway(t.db, server);
    const result = await gw.chat("agent", { messages: ask, tools: [weather] }, { cache: false });
    expect(result.text).toBe("Let me look both up.");
    expect(result.rawText).toBe(
      'Let me look both up.\n<tool_call>\n{"name": "get_weather", "arguments": {"city":"Paris"}}\n</tool_call>\n<tool_call>\n{"name": "get_weather", "arguments": {"city":"Rome"}}\n</tool_call>',
    );
    expect(result.toolCalls).toEqual([
      { id: "call_0", sourceId: null, name: "get_weather", arguments: { city: "Paris" }, rawArguments: '{"city":"Paris"}' },
      { id: "call_1", sourceId: null, name: "get_weather", arguments: { city: "Rome" }, rawArguments: '{"city":"Rome"}' },
    ]);
  });

  it("leaves <tool_call> text alone when no tools were offered", async () => {
    server.script({ reply: { content: '<tool_call>{"name": "x", "arguments": {}}</tool_call>' } });
    const result = await testGateway(t.db, server).chat("agent", { messages: ask }, { cache: false });
    expect(result.toolCalls).toEqual([]);
    expect(result.text).toBe('<tool_call>{"name": "x", "arguments": {}}</tool_call>');
  });

  it("asks again with twice the token limit when a reply stops inside a tool call, recording each attempt", async () => {
    const run = await t.db.run.create({ data: { kind: "simulate" } });
    server.dialect = { toolCallsNeedMaxTokens: 150 };
    server.script({ reply: twoCalls }, { reply: twoCalls }, { reply: twoCalls });
    const gw = testGateway(t.db, server);
    const result = await gw.chat("agent", { messages: ask, tools: [weather], maxTokens: 50 }, { runId: run.id, cache: false });
    expect(server.requests.map((r) => r.body.max_tokens)).toEqual([50, 100, 200]);
    expect(result.finishReason).toBe("tool_calls");
    expect(result.toolCalls.map((c) => c.arguments)).toEqual([{ city: "Paris" }, { city: "Rome" }]);
    expect(result.usage).toEqual({ promptTokens: 30, completionTokens: 15 });
    await gw.flush();
    const calls = await t.db.llmCall.findMany({ where: { runId: run.id }, orderBy: { createdAt: "asc" } });
    expect(calls.map((c) => c.status).sort()).toEqual(["error", "error", "ok"]);
    expect(
      calls
        .filter((c) => c.status === "error")
        .map((c) => c.error)
        .sort(),
    ).toEqual(["the reply stopped at max_tokens 100 inside a tool call", "the reply stopped at max_tokens 50 inside a tool call"]);
  });

  it("fails with the reason when the raised limits still cut the tool call", async () => {
    server.dialect = { toolCallsNeedMaxTokens: 10_000 };
    const gw = testGateway(t.db, server);
    const error = await gw.chat("agent", { messages: ask, tools: [weather], maxTokens: 50 }, { cache: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TruncatedReplyError);
    expect((error as TruncatedReplyError).message).toBe("agent: the reply stopped at its token limit inside a tool call 3 times (last limit: max_tokens 200)");
    expect(server.requests).toHaveLength(3);
  });

  it("estimates usage the endpoint leaves out and marks the call log row as estimated", async () => {
    const run = await t.db.run.create({ data: { kind: "simulate" } });
    server.dialect = { omitUsage: true };
    server.script({ reply: { content: "It is sunny in Paris and raining in Rome." } });
    const gw = testGateway(t.db, server);
    const result = await gw.chat("agent", { messages: ask }, { runId: run.id, cache: false });
    expect(result.usage.promptTokens).toBeGreaterThan(0);
    expect(result.usage.completionTokens).toBe(Math.ceil("It is sunny in Paris and raining in Rome.".length / 4));
    await gw.flush();
    const [call] = await t.db.llmCall.findMany({ where: { runId: run.id } });
    expect(call).toMatchObject({ usageEstimated: true, promptTokens: result.usage.promptTokens, completionTokens: result.usage.completionTokens });
    server.dialect = null;
    await gw.chat("agent", { messages: ask }, { runId: run.id, cache: false });
    await gw.flush();
    expect((await t.db.llmCall.findMany({ where: { runId: run.id } })).map((c) => c.usageEstimated).sort()).toEqual([false, true]);
  });

  it("asks for strict json_schema output when every property is required", async () => {
    await testGateway(t.db, server, { model: "strict-model" }).structured("judge", { messages: judgeAsk, schema: verdict, name: "verdict" }, { cache: false });
    const format = server.requests[0].body.response_format as { json_schema: { strict: boolean; schema: { additionalProperties: unknown } } };
    expect(format.json_schema.strict).toBe(true);
    expect(format.json_schema.schema.additionalProperties).toBe(false);

    server.reset();
    const loose = z.object({ score: z.number(), note: z.string().optional() });
    await testGateway(t.db, server, { model: "strict-model" }).structured("judge", { messages: judgeAsk, schema: loose, name: "loose" }, { cache: false });
    expect((server.requests[0].body.response_format as { json_schema: { strict: boolean } }).json_schema.strict).toBe(false);
  });

  it.each([
    ["json_object", "json-object-model", ["json_schema", "json_schema", "json_object"]],
    ["tool", "tool-model", ["json_schema", "json_schema", "json_object", "tool"]],
    ["prompt", "prompt-model", ["json_schema", "json_schema", "json_object", "tool", "prompt"]],
  ] as const)(
    "falls back to %s output where the endpoint refuses better, remembers it per endpoint and model, and starts there next time",
    async (mode, model, tried) => {
      server.dialect = { structuredOutput: mode };
      const first = await testGateway(t.db, server, { model }).structured("judge", { messages: judgeAsk, schema: verdict, name: "verdict" }, { cache: false });
      expect(verdict.parse(first.value)).toEqual(first.value);
      const kind = (body: Record<string, unknown>) => (body.response_format as { type?: string } | undefined)?.type ?? (body.tool_choice ? "tool" : "prompt");
      expect(server.requests.map((r) => kind(r.body))).toEqual(tried);
      const stored = await t.db.endpointCapability.findUniqueOrThrow({ where: { baseUrl_model: { baseUrl: server.url, model } } });
      expect(stored.structuredOutput).toBe(mode);

      server.reset();
      // Another gateway (another worker, after a restart) starts from what was learned.
      const again = await testGateway(t.db, server, { model }).structured("judge", { messages: judgeAsk, schema: verdict, name: "verdict" }, { cache: false });
      expect(verdict.parse(again.value)).toEqual(again.value);
      expect(server.requests.map((r) => kind(r.body))).toEqual([mode]);
      if (mode !== "json_object" && mode !== "prompt") return;
      const system = (server.requests[0].body.messages as { role: string; content: string }[])[0];
      expect(system.content).toMatch(/^You judge\.\n\nReply with one JSON value named "verdict"/);
    },
  );

  it.each([
    ["temperature", "no-temperature-model", { temperature: 0.3 }, "temperature"],
    ["tool_choice_required", "no-required-model", { toolChoice: "required" as const }, "tool_choice"],
    ["parallel_tool_calls", "no-parallel-model", { parallelToolCalls: false }, "parallel_tool_calls"],
  ] as const)(
    "drops %s for a model that refuses it (400 naming the param), remembers it for the model, and never sends it again",
    async (refused, model, extra, param) => {
      server.dialect = { refuses: [refused] };
      server.script({ reply: twoCalls }, { reply: twoCalls });
      const request = { messages: ask, tools: [weather], ...extra };
      const result = await testGateway(t.db, server, { model }).chat("agent", request, { cache: false });
      expect(result.toolCalls).toHaveLength(2);
      expect(server.requests.map((r) => param in r.body)).toEqual([true, false]);
      const stored = await t.db.endpointCapability.findUniqueOrThrow({ where: { baseUrl_model: { baseUrl: server.url, model } } });
      expect(stored.refusedParams).toEqual([param]);

      server.reset();
      await testGateway(t.db, server, { model }).chat("agent", request, { cache: false });
      expect(server.requests.map((r) => param in r.body)).toEqual([false]);
      // Another model on the same endpoint still gets it.
      server.reset();
      server.dialect = null;
      await testGateway(t.db, server, { model: `${model}-other` }).chat("agent", request, { cache: false });
      expect(server.requests.map((r) => param in r.body)).toEqual([true]);
    },
  );

  it("does not drop a parameter on a 400 that names none (the request is wrong, not the parameter)", async () => {
    server.script({ status: 400, message: "context length exceeded" });
    const error = await testGateway(t.db, server, { model: "plain-400-model" })
      .chat("agent", { messages: ask, temperature: 0.5 }, { cache: false })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(server.requests).toHaveLength(1);
    expect(await t.db.endpointCapability.findUnique({ where: { baseUrl_model: { baseUrl: server.url, model: "plain-400-model" } } })).toBeNull();
  });
});
