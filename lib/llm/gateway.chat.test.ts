import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { startOpenAiTestServer, type OpenAiTestServer } from "./testing/openai-server";
import { TEST_API_KEY, testGateway } from "./testing/harness";
import type { ToolDefinition } from "./types";

const weather: ToolDefinition = {
  name: "get_weather",
  description: "Current weather for a city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};

describe("gateway chat over the OpenAI protocol", () => {
  let t: TestDb;
  let server: OpenAiTestServer;
  beforeAll(async () => {
    t = await createTestDb();
    server = await startOpenAiTestServer();
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  it("returns the assistant's text with usage, latency and model, sending the key only as a bearer token", async () => {
    server.script({ reply: { content: "Hello there", usage: { prompt_tokens: 12, completion_tokens: 3 } } });
    const gw = testGateway(t.db, server);
    const result = await gw.chat("agent", { messages: [{ role: "user", content: "Hi" }], temperature: 0.2, maxTokens: 50 }, { seed: 7, cache: false });
    expect(result).toMatchObject({
      text: "Hello there",
      reasoning: null,
      toolCalls: [],
      usage: { promptTokens: 12, completionTokens: 3 },
      model: "test-model",
      provider: "openai",
      cached: false,
      finishReason: "stop",
    });
    expect(result.latencyMs).toBeGreaterThan(0);
    const [request] = server.requests;
    expect(request.body).toMatchObject({ model: "test-model", temperature: 0.2, max_tokens: 50, seed: 7, messages: [{ role: "user", content: "Hi" }] });
    expect(request.headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
  });

  it("parses parallel tool calls and reports unparseable arguments instead of throwing", async () => {
    server.script({
      reply: {
        toolCalls: [
          { id: "a", name: "get_weather", arguments: { city: "Paris" } },
          { id: "b", name: "get_weather", arguments: '{"city": "Berl' },
          { id: "c", name: "get_weather", arguments: "[1, 2]" },
          { id: "d", name: "get_time", arguments: "" },
        ],
      },
    });
    const gw = testGateway(t.db, server);
    const result = await gw.chat("agent", { messages: [{ role: "user", content: "Weather in Paris and Berlin?" }], tools: [weather] }, { cache: false });
    expect(result.finishReason).toBe("tool_calls");
    expect(result.toolCalls).toHaveLength(4);
    expect(result.toolCalls[0]).toEqual({ id: "a", name: "get_weather", arguments: { city: "Paris" }, rawArguments: '{"city":"Paris"}' });
    expect(result.toolCalls[1]).toMatchObject({ id: "b", arguments: null, rawArguments: '{"city": "Berl' });
    expect(result.toolCalls[1].argumentsError).toMatch(/not valid JSON/);
    expect(result.toolCalls[2]).toMatchObject({ arguments: null, argumentsError: "arguments are not a JSON object" });
    expect(result.toolCalls[3]).toMatchObject({ name: "get_time", arguments: {}, rawArguments: "" });
    expect(result.toolCalls[3].argumentsError).toBeUndefined();
  });

  it("sends tools and tool_choice in the OpenAI shape and accepts a result's tool calls back in the history", async () => {
    server.script({ reply: { content: "It is sunny." } });
    const gw = testGateway(t.db, server);
    await gw.chat(
      "agent",
      {
        messages: [
          { role: "system", content: "You are helpful." },
          { role: "user", content: "Weather in Paris?" },
          {
            role: "assistant",
            content: null,
            toolCalls: [{ id: "call_1", name: "get_weather", arguments: { city: "Paris" }, rawArguments: '{"city":"Paris"}' }],
          },
          { role: "tool", toolCallId: "call_1", content: '{"sky":"clear"}' },
          {
            role: "assistant",
            content: null,
            tool_calls: [{ id: "call_2", type: "function", function: { name: "get_weather", arguments: '{"city":"Rome"}' } }],
          },
          { role: "tool", tool_call_id: "call_2", content: '{"sky":"rain"}' },
        ],
        tools: [weather],
        toolChoice: { name: "get_weather" },
      },
      { cache: false },
    );
    const body = server.requests[0].body;
    expect(body.tools).toEqual([{ type: "function", function: weather }]);
    expect(body.tool_choice).toEqual({ type: "function", function: { name: "get_weather" } });
    expect(body.messages).toEqual([
      { role: "system", content: "You are helpful." },
      { role: "user", content: "Weather in Paris?" },
      { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] },
      { role: "tool", tool_call_id: "call_1", content: '{"sky":"clear"}' },
      { role: "assistant", content: null, tool_calls: [{ id: "call_2", type: "function", function: { name: "get_weather", arguments: '{"city":"Rome"}' } }] },
      { role: "tool", tool_call_id: "call_2", content: '{"sky":"rain"}' },
    ]);
  });

  it("takes reasoning text from reasoning_content or reasoning, whichever the endpoint sends", async () => {
    server.script(
      { reply: { content: "4", reasoning: "2 plus 2 is 4", reasoningField: "reasoning_content" } },
      { reply: { content: "4", reasoning: "adding up", reasoningField: "reasoning" } },
    );
    const gw = testGateway(t.db, server);
    const ask = () => gw.chat("agent", { messages: [{ role: "user", content: "2+2?" }] }, { cache: false });
    expect((await ask()).reasoning).toBe("2 plus 2 is 4");
    expect((await ask()).reasoning).toBe("adding up");
  });

  it("records every call with role, model, endpoint, hash, tokens and run", async () => {
    const run = await t.db.run.create({ data: { kind: "simulate" } });
    server.script({ reply: { content: "ok", usage: { prompt_tokens: 100, completion_tokens: 20 } } });
    const gw = testGateway(t.db, server);
    await gw.chat("judge", { messages: [{ role: "user", content: "Rate this." }] }, { runId: run.id, cache: false });
    await gw.flush();
    const calls = await t.db.llmCall.findMany({ where: { runId: run.id } });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      role: "judge",
      provider: "openai",
      model: "test-model",
      endpoint: server.url,
      status: "ok",
      promptTokens: 100,
      completionTokens: 20,
      cached: false,
      error: null,
    });
    expect(calls[0].requestHash).toMatch(/^[0-9a-f]{64}$/);
    expect(Math.abs(calls[0].createdAt.getTime() - Date.now())).toBeLessThan(10_000);
    await gw.flush();
    const after = await t.db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(after).toMatchObject({ promptTokens: 100, completionTokens: 20 });
  });
});
