import { describe, expect, it } from "vitest";
import { stepSchema, type Step } from "../trajectory/types";
import { episodeBackends } from "./simulate";
import { nextMove, runEpisode, type EpisodeTask } from "./episode";
import { renderReactStep } from "./react";
import { createFakeGateway, withLatency, type FakeGateway } from "./testing/fake-gateway";
import type { LoadedEpisodeTask } from "./load";

const weather = {
  name: "get_weather",
  description: "Current weather for a city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false },
  outputSchema: { type: "object", properties: { temp_c: { type: "number" } }, required: ["temp_c"] },
  executor: "simulated" as const,
};

const baseTask: LoadedEpisodeTask = {
  taskId: "t1",
  agentId: "a1",
  systemPrompt: "You are a travel assistant.",
  instruction: "What's the weather in Paris?",
  goal: "Know whether to pack an umbrella for Paris",
  persona: { name: "Sam" },
  mode: "autonomous",
  environment: "simulated",
  verifier: null,
  tools: [weather],
  mcpSources: new Map(),
};

const call = (name: string, args: unknown, id = `c_${name}`) => ({ id, name, arguments: args });

async function play(gateway: FakeGateway, task: EpisodeTask & Partial<LoadedEpisodeTask>, settings = {}, initial?: Step[]) {
  const loaded = { ...baseTask, ...task };
  const s = { seed: 3, ...settings };
  const saved: Step[][] = [];
  const outcome = await runEpisode(
    loaded,
    s,
    {
      gateway,
      backends: episodeBackends(gateway, loaded, { protocol: "native", failureRate: 0, maxTurns: 16, maxTokens: 200_000, maxWallMs: 60_000, ...s }),
      onSteps: async (steps) => void saved.push(steps),
    },
    initial,
  );
  return { ...outcome, saved };
}

describe("episode: native tool calling", () => {
  it("runs tool calls through the simulator and ends when the agent answers", async () => {
    const gateway = createFakeGateway({
      chat: (_req, i) => (i === 0 ? { toolCalls: [call("get_weather", { city: "Paris" })] } : { text: "It is 1°C: take an umbrella." }),
    });
    const r = await play(gateway, baseTask);
    expect(r.endReason).toBe("agent_finished");
    expect(r.messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool", "assistant"]);
    expect(r.messages[3]).toMatchObject({ toolCallId: "c_get_weather", toolName: "get_weather", isError: false, content: '{"temp_c":1}' });
    expect(r.messages[2]).toMatchObject({ promptTokens: 10, completionTokens: 5, latencyMs: 3, costUsd: 0.0001 });
    // the assistant step and its result were stored together, then the answer
    expect(r.saved.map((s) => s.map((m) => m.role))).toEqual([["assistant", "tool"], ["assistant"]]);
    // the tools went to the model as function definitions
    expect(gateway.requests[0].tools).toEqual([{ name: "get_weather", description: weather.description, parameters: weather.parameters }]);
    expect(r.tools.map((t) => t.name)).toEqual(["get_weather"]);
  });

  it("executes parallel calls, each with its own result", async () => {
    const gateway = createFakeGateway({
      chat: (_req, i) =>
        i === 0 ? { toolCalls: [call("get_weather", { city: "Paris" }, "a"), call("get_weather", { city: "Rome" }, "b")] } : { text: "Both dry." },
    });
    const r = await play(gateway, baseTask);
    expect(r.messages.filter((m) => m.role === "tool").map((m) => m.toolCallId)).toEqual(["a", "b"]);
    const toolPrompts = gateway.requests.filter((q) => q.role === "tool").map((q) => q.messages[1].content);
    expect(toolPrompts.some((p) => p?.includes('{"city":"Rome"}'))).toBe(true);
  });

  it("records unknown tools and bad arguments as violations on the step and shows the agent an error", async () => {
    const gateway = createFakeGateway({
      chat: (_req, i) =>
        i === 0
          ? {
              toolCalls: [
                call("book_hotel", {}, "u"),
                call("get_weather", { town: "Paris" }, "v"),
                { id: "w", name: "get_weather", arguments: null, rawArguments: '{"city": "Par', argumentsError: "Unexpected end of JSON input" },
              ],
            }
          : { text: "Sorry." },
    });
    const r = await play(gateway, baseTask);
    const step = r.messages[2];
    expect(step.violations.map((v) => v.code)).toEqual(["unknown_tool", "invalid_arguments", "unparseable_arguments"]);
    const results = r.messages.filter((m) => m.role === "tool");
    expect(results.every((m) => m.isError)).toBe(true);
    expect(results[0].content).toMatch(/Unknown tool \\"book_hotel\\". Available tools: get_weather/);
    expect(results[1].content).toMatch(/must have required property 'city'/);
    // nothing was simulated for calls that failed their checks
    expect(gateway.requests.filter((q) => q.role === "tool")).toHaveLength(0);
    // the agent saw the errors on its next turn
    const next = gateway.requests.filter((q) => q.role === "agent")[1].messages;
    expect(next.filter((m) => m.role === "tool")).toHaveLength(3);
  });

  it("stops at the turn limit and at the token limit", async () => {
    const looping = () => createFakeGateway({ chat: (_r, i) => ({ toolCalls: [call("get_weather", { city: `C${i}` }, `id${i}`)] }) });
    const turns = await play(looping(), baseTask, { maxTurns: 3 });
    expect(turns.endReason).toBe("max_turns");
    expect(turns.messages.filter((m) => m.role === "assistant")).toHaveLength(3);
    const tokens = await play(looping(), baseTask, { maxTokens: 40 });
    expect(tokens.endReason).toBe("max_tokens");
  });

  it("stops at the wall-clock limit", async () => {
    const slow = withLatency(createFakeGateway({ chat: (_r, i) => ({ toolCalls: [call("get_weather", { city: `C${i}` }, `id${i}`)] }) }), 150);
    const r = await play(slow, baseTask, { maxWallMs: 1_000 });
    expect(r.endReason).toBe("time_limit");
    expect(r.messages.filter((m) => m.role === "assistant").length).toBeLessThan(6);
  });

  it("marks injected failures on the tool steps, the same ones on every run", async () => {
    const run = () =>
      play(createFakeGateway({ chat: (_r, i) => (i < 6 ? { toolCalls: [call("get_weather", { city: `C${i}` }, `id${i}`)] } : { text: "ok" }) }), baseTask, {
        failureRate: 0.5,
      });
    const [a, b] = [await run(), await run()];
    const flags = (r: typeof a) => r.messages.filter((m) => m.role === "tool").map((m) => m.injectedFailure);
    expect(flags(a)).toEqual(flags(b));
    expect(flags(a).some(Boolean)).toBe(true);
    expect(flags(a).some((f) => f === null)).toBe(true);
  });
});

describe("episode: ReAct protocol", () => {
  it("parses each step, feeds back an unparseable one as an error, and ends on finish", async () => {
    const replies = [
      renderReactStep({ thought: "Check the weather.", toolName: "get_weather", args: { city: "Paris" } }),
      "It is cold in Paris, I think.",
      '```json\n{"next_thought": "I have it.", "next_tool_name": "finish", "next_tool_args": {"answer": "1°C, take an umbrella."}}\n```',
    ];
    const gateway = createFakeGateway({ chat: (_r, i) => ({ text: replies[i] }) });
    const r = await play(gateway, baseTask, { protocol: "react" });
    expect(r.endReason).toBe("agent_finished");
    expect(r.messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool", "assistant", "assistant"]);
    expect(r.messages[2]).toMatchObject({ reasoning: "Check the weather.", toolCalls: [{ name: "get_weather", arguments: { city: "Paris" } }] });
    expect(r.messages[4].violations).toEqual([expect.objectContaining({ code: "unparseable_step" })]);
    expect(r.messages[5].toolCalls?.[0]).toMatchObject({ name: "finish", arguments: { answer: "1°C, take an umbrella." } });
    // no tools went as function definitions; they were in the instructions, with finish
    const agentCalls = gateway.requests.filter((q) => q.role === "agent");
    expect(agentCalls[0].tools).toBeUndefined();
    expect(agentCalls[0].messages[0].content).toMatch(/\(1\) get_weather, whose description is/);
    expect(agentCalls[0].messages[0].content).toMatch(/\(2\) finish/);
    // the observation, then the parse error, went back as text
    expect(agentCalls[1].messages.at(-1)?.content).toMatch(/^\[\[ ## observation ## \]\]\n\{"temp_c":1\}/);
    expect(agentCalls[2].messages.at(-1)?.content).toMatch(/^\[\[ ## error ## \]\]\nCould not find next_thought/);
  });
});

describe("episode: interactive mode with the user simulator", () => {
  const interactive = { ...baseTask, mode: "interactive" as const };

  it("the user answers until satisfied, and says so explicitly", async () => {
    let userTurns = 0;
    const gateway = createFakeGateway({
      chat: (_r, i) => ({ text: i === 0 ? "Which dates are you travelling?" : "Rain all week: take an umbrella." }),
      structured: (role, _n, _m, filled) =>
        role === "user"
          ? userTurns++ === 0
            ? { message: "From Monday to Friday.", status: "continue" }
            : { message: "Thanks!", status: "satisfied" }
          : filled,
    });
    const r = await play(gateway, interactive);
    expect(r.endReason).toBe("user_satisfied");
    expect(r.messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "user", "assistant", "user"]);
    expect(r.messages.at(-1)?.content).toBe("Thanks!");
    // the user simulator saw the conversation from its side, with its hidden goal
    // …which the agent never sees
    for (const q of gateway.requests.filter((r) => r.role === "agent")) expect(JSON.stringify(q.messages)).not.toContain("umbrella for Paris");
    const userPrompt = gateway.requests.find((q) => q.role === "user")!.messages;
    expect(userPrompt[0].content).toMatch(/Your goal, which the assistant does not know: Know whether to pack an umbrella/);
    expect(userPrompt.slice(1).map((m) => m.role)).toEqual(["assistant", "user"]);
  });

  it("records a user who gives up", async () => {
    const gateway = createFakeGateway({
      chat: () => ({ text: "I cannot help." }),
      structured: (role, _n, _m, filled) => (role === "user" ? { message: "Forget it.", status: "gave_up" } : filled),
    });
    expect((await play(gateway, interactive)).endReason).toBe("user_gave_up");
  });

  it("in autonomous mode nobody answers after the instruction", async () => {
    const gateway = createFakeGateway({ chat: () => ({ text: "Done." }) });
    const r = await play(gateway, baseTask);
    expect(r.endReason).toBe("agent_finished");
    expect(gateway.requests.filter((q) => q.role === "user")).toHaveLength(0);
  });
});

describe("episode: resume from any prefix", () => {
  const s = (x: object) => stepSchema.parse(x);
  const opening = [s({ role: "system", content: "sys" }), s({ role: "user", content: "hi" })];

  it("decides the next move from the steps so far", () => {
    const withCalls = s({ role: "assistant", toolCalls: [call("get_weather", {}, "a"), call("get_weather", {}, "b")] });
    expect(nextMove(opening, "native", false)).toEqual({ kind: "agent" });
    expect(nextMove([...opening, withCalls], "native", false).kind).toBe("tools");
    expect(nextMove([...opening, withCalls, s({ role: "tool", toolCallId: "a" })], "native", false).kind).toBe("tools");
    expect(nextMove([...opening, withCalls, s({ role: "tool", toolCallId: "a" }), s({ role: "tool", toolCallId: "b" })], "native", false).kind).toBe("agent");
    expect(nextMove([...opening, s({ role: "assistant", content: "bye" })], "native", false).kind).toBe("end");
    expect(nextMove([...opening, s({ role: "assistant", content: "bye" })], "native", true).kind).toBe("user");
    expect(nextMove([...opening, s({ role: "assistant", toolCalls: [call("finish", { answer: "x" })] })], "react", true).kind).toBe("user");
    expect(nextMove([...opening, s({ role: "assistant", content: "??", violations: [{ code: "unparseable_step", message: "" }] })], "react", false).kind).toBe(
      "agent",
    );
  });

  it("continues an episode whose last stored step has unanswered calls", async () => {
    const gateway = createFakeGateway({ chat: () => ({ text: "Done." }) });
    const prefix = [...opening, s({ role: "assistant", toolCalls: [call("get_weather", { city: "Oslo" }, "x")] })];
    const r = await play(gateway, baseTask, {}, prefix);
    expect(r.messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool", "assistant"]);
    expect(r.saved[0].map((m) => m.toolCallId)).toEqual(["x"]);
  });
});

describe("episode: real environments", () => {
  it("a code task runs the agent's code against the hidden tests and keeps the verdict", async () => {
    const verifier = { kind: "code", language: "javascript", functionName: "double", tests: [{ name: "two", args: [2], expected: 4 }] };
    const gateway = createFakeGateway({
      chat: (_r, i) => (i === 0 ? { toolCalls: [call("run_tests", { code: "function double(n) { return n * 2; }" })] } : { text: "Submitted." }),
    });
    const r = await play(gateway, { ...baseTask, environment: "code", verifier, tools: [] });
    expect(JSON.parse(r.messages[3].content!)).toEqual({ passed: 1, total: 1, tests: [{ name: "two", passed: true }] });
    expect(r.tags).toEqual(["execution:passed"]);
    expect(r.tools.map((t) => t.name)).toEqual(["run_tests"]);
  });

  it("a Python code task: run_tests runs the agent's Python in the task's language, and the reply's code is the verdict", async () => {
    const verifier = {
      kind: "code",
      language: "python",
      functionName: "double",
      tests: [
        { name: "two", args: [2], expected: 4 },
        { name: "zero", args: [0], expected: 0 },
      ],
    };
    const gateway = createFakeGateway({
      chat: (_r, i) =>
        i === 0
          ? { toolCalls: [call("run_tests", { code: "def double(n):\n    return n + 2\n" })] }
          : { text: "Fixed:\n```python\ndef double(n):\n    return n * 2\n```" },
    });
    const r = await play(gateway, { ...baseTask, environment: "code", verifier, tools: [] });
    expect(JSON.parse(r.messages[3].content!)).toEqual({
      passed: 1,
      total: 2,
      tests: [
        { name: "two", passed: true },
        { name: "zero", passed: false, message: "AssertionError: expected 0, got 2" },
      ],
    });
    expect(r.tags).toEqual(["execution:passed"]);
  });

  it("a math task checks the final answer and offers a real calculator", async () => {
    const gateway = createFakeGateway({
      chat: (_r, i) => (i === 0 ? { toolCalls: [call("calculator", { expression: "3/4 * 8" })] } : { text: "So the answer is \\boxed{6}." }),
    });
    const r = await play(gateway, { ...baseTask, environment: "math", verifier: { kind: "math", answer: "6" }, tools: [] });
    expect(r.messages[3].content).toBe('{"value":6}');
    expect(r.tags).toEqual(["execution:passed"]);
    const wrong = await play(createFakeGateway({ chat: () => ({ text: "The answer is 7." }) }), {
      ...baseTask,
      environment: "math",
      verifier: { answer: "6" },
      tools: [],
    });
    expect(wrong.tags).toEqual(["execution:failed"]);
  });
});
