import { describe, expect, it } from "vitest";
import { trajectoryDocSchema, type StepInput } from "../trajectory/types";
import { checkRules, RULE_CODES, rulesScore, type RuleCode, type RulesInput } from "./rules";

const tools = [
  {
    name: "get_weather",
    description: "Weather for a city",
    parameters: { type: "object", properties: { city: { type: "string" }, days: { type: "integer", minimum: 1 } }, required: ["city"] },
    role: "core",
  },
  { name: "book_flight", description: "Books a flight", parameters: { type: "object", properties: { to: { type: "string" } } }, role: "core" },
  { name: "send_fax", description: "Sends a fax", parameters: { type: "object", properties: {} }, role: "distractor" },
];

const goodMessages: StepInput[] = [
  { role: "user", content: "What's the weather in Paris?" },
  { role: "assistant", content: null, toolCalls: [{ id: "c1", name: "get_weather", arguments: { city: "Paris" } }] },
  { role: "tool", content: '{"temp":21}', toolCallId: "c1", toolName: "get_weather" },
  { role: "assistant", content: "The get_weather tool returned 21°C for Paris." },
];

function input(messages: StepInput[] = goodMessages, over: Partial<RulesInput> = {}): RulesInput {
  return {
    doc: trajectoryDocSchema.parse({ tools, messages }),
    task: { requiredTools: ["get_weather"], forbiddenTools: ["book_flight"] },
    endReason: "agent_finished",
    ...over,
  };
}

function failing(i: RulesInput): Partial<Record<RuleCode, number[]>> {
  return Object.fromEntries(
    checkRules(i)
      .filter((c) => !c.passed)
      .map((c) => [c.code, c.steps]),
  );
}

const call = (id: string, name: string, args: unknown) => ({ role: "assistant" as const, content: null, toolCalls: [{ id, name, arguments: args }] });
const result = (id: string, name: string, content = "{}") => ({ role: "tool" as const, content, toolCallId: id, toolName: name });

describe("rules layer", () => {
  it("a clean trajectory passes every check, one check per rule in order", () => {
    const checks = checkRules(input());
    expect(checks.map((c) => c.code)).toEqual([...RULE_CODES]);
    expect(checks.filter((c) => !c.passed)).toEqual([]);
    expect(rulesScore(checks)).toBe(1);
  });

  it("a call to a tool the agent does not have fails known_tools at its step", () => {
    const m = [
      goodMessages[0],
      call("c1", "get_weather", { city: "Paris" }),
      result("c1", "get_weather"),
      call("c2", "delete_db", {}),
      result("c2", "delete_db"),
      goodMessages[3],
    ];
    expect(failing(input(m))).toEqual({ known_tools: [3] });
  });

  it("a tool marked undeclared counts as unknown", () => {
    const i = input();
    i.doc.tools[0].undeclared = true;
    expect(failing(i)).toMatchObject({ known_tools: [1] });
  });

  it("arguments that fail the schema or are not JSON fail valid_arguments", () => {
    const m = [
      goodMessages[0],
      call("c1", "get_weather", { city: "Paris" }),
      result("c1", "get_weather"),
      call("c2", "get_weather", { days: 0 }),
      result("c2", "get_weather"),
      {
        role: "assistant" as const,
        content: null,
        toolCalls: [{ id: "c3", name: "get_weather", arguments: null, rawArguments: "{city:", argumentsError: "Unexpected token" }],
      },
      result("c3", "get_weather"),
      goodMessages[3],
    ];
    const bad = checkRules(input(m)).find((c) => c.code === "valid_arguments")!;
    expect(bad).toMatchObject({ passed: false, steps: [3, 5] });
    expect(bad.message).toMatch(/city/);
    expect(bad.message).toMatch(/not JSON/);
  });

  it("an answer presenting tool output without any call fails no_claimed_output_without_call", () => {
    const m = [goodMessages[0], { role: "assistant" as const, content: "According to the weather tool, it is 21°C in Paris." }];
    expect(failing(input(m))).toMatchObject({ no_claimed_output_without_call: [1] });
  });

  it("naming a tool's result before that tool ran is an invented result even after other results", () => {
    const m = [
      goodMessages[0],
      call("c1", "get_weather", { city: "Paris" }),
      result("c1", "get_weather"),
      { role: "assistant" as const, content: "book_flight returned confirmation AF123." },
    ];
    expect(failing(input(m, { task: null }))).toEqual({ no_claimed_output_without_call: [3] });
  });

  it("an answer without claims, or one backed by a result, passes", () => {
    const m = [goodMessages[0], { role: "assistant" as const, content: "I can look that up; which day do you mean?" }];
    expect(failing(input(m, { task: null }))).toEqual({});
  });

  it("a call without a result and a result without a call are both flagged", () => {
    const m = [goodMessages[0], call("c1", "get_weather", { city: "Paris" }), result("zz", "get_weather"), goodMessages[3]];
    expect(failing(input(m))).toMatchObject({ every_call_has_result: [1], every_result_has_call: [2] });
  });

  it("a second result for the same call, or one naming another tool, answers no call", () => {
    const m = [goodMessages[0], call("c1", "get_weather", { city: "Paris" }), result("c1", "get_weather"), result("c1", "get_weather"), goodMessages[3]];
    expect(failing(input(m))).toEqual({ every_result_has_call: [3] });
    const m2 = [goodMessages[0], call("c1", "get_weather", { city: "Paris" }), result("c1", "book_flight"), goodMessages[3]];
    expect(failing(input(m2))).toMatchObject({ every_result_has_call: [2] });
  });

  it("a required tool never called fails, a forbidden tool called fails at its step", () => {
    const m = [goodMessages[0], call("c1", "book_flight", { to: "Paris" }), result("c1", "book_flight"), { role: "assistant" as const, content: "Booked." }];
    const f = failing(input(m));
    expect(f).toMatchObject({ required_tools_called: [], forbidden_tools_not_called: [1] });
    expect(checkRules(input(m)).find((c) => c.code === "required_tools_called")!.message).toMatch(/get_weather/);
  });

  it("an episode stopped by a limit fails ended_properly and within_limits at its last step", () => {
    expect(failing(input(goodMessages, { endReason: "max_turns" }))).toEqual({ ended_properly: [3], within_limits: [3] });
  });

  it("a user giving up or an error is not a proper end", () => {
    expect(failing(input(goodMessages, { endReason: "user_gave_up" }))).toEqual({ ended_properly: [3] });
    expect(failing(input(goodMessages, { endReason: "agent_error" }))).toEqual({ ended_properly: [3] });
    expect(failing(input(goodMessages, { endReason: "user_ended" }))).toEqual({});
  });

  it("without an end reason a final answer counts as an end, a dangling call does not", () => {
    expect(failing(input(goodMessages, { endReason: "" }))).toEqual({});
    expect(failing(input(goodMessages.slice(0, 2), { endReason: "" }))).toMatchObject({ ended_properly: [1] });
  });

  it("more steps or calls than the limits allow fail within_limits", () => {
    expect(failing(input(goodMessages, { limits: { maxSteps: 3 } }))).toEqual({ within_limits: [3] });
    expect(failing(input(goodMessages, { limits: { maxToolCalls: 1 } }))).toEqual({});
  });

  it("three identical calls are a loop; different arguments or key order are told apart correctly", () => {
    const loop = [goodMessages[0]];
    for (let i = 0; i < 3; i++)
      loop.push(call(`c${i}`, "get_weather", i === 1 ? { days: 2, city: "Paris" } : { city: "Paris", days: 2 }), result(`c${i}`, "get_weather"));
    loop.push(goodMessages[3]);
    expect(failing(input(loop))).toEqual({ no_repeated_calls: [1, 3, 5] });
    const varied = loop.map((m, i) => (i === 5 ? call("c2", "get_weather", { city: "Lyon", days: 2 }) : m));
    expect(failing(input(varied))).toEqual({});
    expect(failing(input(varied, { limits: { loopThreshold: 2 } }))).toEqual({ no_repeated_calls: [1, 3] });
  });

  it("calling a distractor tool fails distractors_untouched", () => {
    const m = [
      goodMessages[0],
      call("c1", "get_weather", { city: "Paris" }),
      result("c1", "get_weather"),
      call("c2", "send_fax", {}),
      result("c2", "send_fax"),
      goodMessages[3],
    ];
    expect(failing(input(m))).toEqual({ distractors_untouched: [3] });
  });

  it("violations recorded during simulation are reported at their steps", () => {
    const m = goodMessages.map((s, i) => (i === 1 ? { ...s, violations: [{ code: "react_parse", message: "no next_tool_name" }] } : s));
    const f = checkRules(input(m)).find((c) => c.code === "no_recorded_violations")!;
    expect(f).toMatchObject({ passed: false, steps: [1] });
    expect(f.message).toMatch(/react_parse/);
  });

  it("a tool schema Ajv cannot compile does not make calls invalid", () => {
    const i = input();
    i.doc.tools[0].parameters = { type: "object", properties: { city: { type: "no-such-type" } } };
    expect(failing(i)).toEqual({});
  });
});

describe("ReAct's finish", () => {
  it("is the protocol's end, not an unknown tool or an unanswered call", () => {
    const doc = trajectoryDocSchema.parse({
      tools: [{ name: "lookup", description: "Look a thing up", parameters: { type: "object", properties: {} } }],
      messages: [
        { role: "user", content: "Find it" },
        { role: "assistant", content: null, toolCalls: [{ id: "1", name: "lookup", arguments: {} }] },
        { role: "tool", content: "{}", toolCallId: "1", toolName: "lookup" },
        { role: "assistant", content: null, toolCalls: [{ id: "2", name: "finish", arguments: { answer: "done" } }] },
      ],
    });
    const checks = checkRules({ doc, task: null, endReason: "agent_finished" });
    expect(checks.find((c) => c.code === "known_tools")?.passed).toBe(true);
    expect(checks.find((c) => c.code === "every_call_has_result")?.passed).toBe(true);
  });
});
