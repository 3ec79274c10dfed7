import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { FORMATS } from "../datasets/formats";
import { createStageContext } from "../jobs/context";
import { judgeConfigSchema } from "../judge/config";
import { judgeTrajectory } from "../judge/judge";
import { listJudgements } from "../judge/judgement-view";
import { testGateway } from "../llm/testing/harness";
import { startOpenAiTestServer, type OpenAiTestServer, type ScriptStep } from "../llm/testing/openai-server";
import { loadTrajectory } from "../trajectory/store";
import type { Step } from "../trajectory/types";
import { simulateConfigSchema } from "./config";
import { runSimulation } from "./stage";
import { createAgentWithTask } from "./testing/fixtures";

// Episodes simulated against the local server speaking a provider's dialect,
// stored, and exported: what the model said arrives, and every tool result
// answers the call it belongs to.

const isAgentCall = (body: Record<string, unknown>) => Array.isArray(body.tools) && body.tool_choice === "auto";

// The agent looks up Paris, then Rome and Berlin at once, then answers.
const agentTurns: ScriptStep[] = [
  { reply: { reasoning: "Paris first.", toolCalls: [{ name: "get_weather", arguments: { city: "Paris" } }] } },
  {
    reply: {
      reasoning: "Now the other two, together.",
      toolCalls: [
        { name: "get_weather", arguments: { city: "Rome" } },
        { name: "get_weather", arguments: { city: "Berlin" } },
      ],
    },
  },
  { reply: { reasoning: "I have all three.", content: "Paris, Rome and Berlin: all looked up." } },
];

/** Every tool result answers a call of the assistant step before it, each call exactly once. */
function expectPaired(messages: Step[]) {
  const ids = messages.flatMap((m) => m.toolCalls?.map((c) => c.id) ?? []);
  expect(new Set(ids).size).toBe(ids.length);
  let open: string[] = [];
  for (const m of messages) {
    if (m.role === "assistant") {
      expect(open).toEqual([]);
      open = m.toolCalls?.map((c) => c.id) ?? [];
    } else if (m.role === "tool") {
      expect(open).toContain(m.toolCallId);
      open = open.filter((id) => id !== m.toolCallId);
    }
  }
  expect(open).toEqual([]);
}

describe("simulation against endpoints that speak other dialects (PostgreSQL)", () => {
  let t: TestDb;
  let server: OpenAiTestServer;
  beforeAll(async () => {
    t = await createTestDb();
    server = await startOpenAiTestServer();
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  async function simulate(dialect: OpenAiTestServer["dialect"], model: string) {
    server.dialect = dialect;
    server.scriptWhen(isAgentCall, ...agentTurns);
    const { task } = await createAgentWithTask(t.db);
    const config = simulateConfigSchema.parse({ taskIds: [task.id], protocols: ["native"], episodesPerTask: 1, cache: false });
    const run = await t.db.run.create({ data: { kind: "simulate", status: "running", config } });
    const gateway = testGateway(t.db, server, { model });
    await runSimulation(createStageContext(t.db, run, new AbortController().signal), config, gateway);
    await gateway.flush();
    const row = await t.db.trajectory.findFirstOrThrow({ where: { runId: run.id } });
    expect(row.endReason).toBe("agent_finished");
    return { row, doc: (await loadTrajectory(t.db, row.id))! };
  }

  it("Kimi: functions.name:n ids repeated every turn get unique ids (Kimi's kept as sourceId), reasoning_content is the step's reasoning, the judge finds every call answered, and the export keeps both", async () => {
    const { row, doc } = await simulate({ toolCallIds: "kimi", reasoningField: "reasoning_content" }, "kimi-k2-thinking");
    const assistant = doc.messages.filter((m) => m.role === "assistant");
    expect(assistant.map((m) => m.reasoning)).toEqual(["Paris first.", "Now the other two, together.", "I have all three."]);
    const [first, second] = assistant.map((m) => m.toolCalls ?? []);
    expect(first.map((c) => [c.id, c.sourceId])).toEqual([["functions.get_weather:0", undefined]]);
    expect(second[0].id).not.toBe("functions.get_weather:0");
    expect(second[0].sourceId).toBe("functions.get_weather:0");
    expect(second[1]).toMatchObject({ id: "functions.get_weather:1", arguments: { city: "Berlin" } });
    expect(second[1].sourceId).toBeUndefined();
    expectPaired(doc.messages);

    await judgeTrajectory({ db: t.db, gateway: testGateway(t.db, server, { model: "kimi-k2-thinking" }), sandbox: null }, row.id, judgeConfigSchema.parse({}), {
      cache: false,
    });
    const [judgement] = await listJudgements(t.db, row.id);
    expect(judgement.rubric).toMatchObject({ status: "judged" });
    const rules = Object.fromEntries(judgement.rules.map((r) => [r.code, r.passed]));
    expect(rules).toMatchObject({ every_call_has_result: true, every_result_has_call: true, valid_arguments: true, no_repeated_calls: true });

    const record = FORMATS.trl.toRecord(doc) as {
      messages: { role: string; reasoning_content?: string; tool_calls?: { id: string }[]; tool_call_id?: string }[];
    };
    expect(record.messages.filter((m) => m.role === "assistant").map((m) => m.reasoning_content)).toEqual([
      "Paris first.",
      "Now the other two, together.",
      "I have all three.",
    ]);
    let open: string[] = [];
    for (const m of record.messages) {
      if (m.role === "assistant") open = m.tool_calls?.map((c) => c.id) ?? [];
      if (m.role === "tool") expect(open).toContain(m.tool_call_id);
    }
    expect(record.messages.filter((m) => m.role === "tool")).toHaveLength(3);
  });

  it("reasoning in `reasoning` (OpenRouter, Ollama) and tool calls without ids arrive the same way", async () => {
    const { doc } = await simulate({ toolCallIds: "missing", reasoningField: "reasoning" }, "ollama-model");
    const assistant = doc.messages.filter((m) => m.role === "assistant");
    expect(assistant.map((m) => m.reasoning)).toEqual(["Paris first.", "Now the other two, together.", "I have all three."]);
    const calls = assistant.flatMap((m) => m.toolCalls ?? []);
    expect(calls).toHaveLength(3);
    expect(calls.every((c) => c.sourceId === null)).toBe(true);
    expectPaired(doc.messages);
  });

  it("Hermes <tool_call> text from a server without a tool parser becomes tool calls, the raw text kept on the step", async () => {
    const { doc } = await simulate({ toolCallsInContent: true }, "hermes-model");
    const [first, second, last] = doc.messages.filter((m) => m.role === "assistant");
    expect(first.toolCalls?.map((c) => [c.name, c.arguments])).toEqual([["get_weather", { city: "Paris" }]]);
    expect(first.content).toBeNull();
    expect(first.rawContent).toBe('<tool_call>\n{"name": "get_weather", "arguments": {"city":"Paris"}}\n</tool_call>');
    expect(second.toolCalls?.map((c) => c.arguments)).toEqual([{ city: "Rome" }, { city: "Berlin" }]);
    expect(last).toMatchObject({ content: "Paris, Rome and Berlin: all looked up.", rawContent: null, toolCalls: null });
    expectPaired(doc.messages);
  });

  it("an endpoint without usage, refusing temperature, with structured output only by prompt still simulates, its usage counted as estimated", async () => {
    const { row, doc } = await simulate({ omitUsage: true, refuses: ["temperature"], structuredOutput: "prompt" }, "bare-model");
    expectPaired(doc.messages);
    expect(row.promptTokens).toBeGreaterThan(0);
    const gatewayCalls = await t.db.llmCall.findMany({ where: { runId: row.runId, status: "ok" } });
    expect(gatewayCalls.length).toBeGreaterThan(3);
    expect(gatewayCalls.every((c) => c.usageEstimated)).toBe(true);
    const learned = await t.db.endpointCapability.findUniqueOrThrow({ where: { baseUrl_model: { baseUrl: server.url, model: "bare-model" } } });
    expect(learned).toMatchObject({ structuredOutput: "prompt", refusedParams: ["temperature"] });
    expect(server.requests.filter((r) => "temperature" in r.body)).toHaveLength(1);
  });
});
