import { describe, expect, it } from "vitest";
import { stepSchema, type StepInput, type TrajectoryDoc } from "../trajectory/types";
import { assignBlame } from "./blame";
import type { ExecutionLayer } from "./execution";
import { decide, filterSettingsSchema } from "./filter";
import { emptyRubricLayer, type RubricLayer } from "./rubric";
import { judgeState } from "./state";

const world = { orders: { "ORD-1001": { id: "ORD-1001", status: "active", carrier: "Posten" } } };
const blueprint = {
  endState: [{ kind: "equals", path: "/orders/ORD-1001/status", value: "cancelled" }],
  actions: [
    { tool: "get_order", arguments: { order_id: "ORD-1001" } },
    { tool: "cancel_order", arguments: { order_id: "ORD-1001" } },
  ],
  ordered: true,
  facts: ["Posten"],
};
const cancelPatch = [{ op: "replace" as const, path: "/orders/ORD-1001/status", value: "cancelled" }];

const doc = (steps: StepInput[]): TrajectoryDoc => ({ tools: [], world, messages: steps.map((s) => stepSchema.parse(s)) });
const call = (name: string, args: unknown, id = name) => ({ role: "assistant" as const, toolCalls: [{ id, name, arguments: args }] });
const result = (id: string, content: string, extra: Partial<StepInput> = {}) => ({ role: "tool" as const, toolCallId: id, toolName: id, content, ...extra });
const opening: StepInput[] = [
  { role: "system", content: "You help with orders." },
  { role: "user", content: "Cancel order ORD-1001 please." },
];
const solved = doc([
  ...opening,
  call("get_order", { order_id: "ORD-1001" }),
  result("get_order", '{"carrier":"Posten"}'),
  call("cancel_order", { order_id: "ORD-1001" }),
  result("cancel_order", '{"status":"cancelled"}', { worldPatch: cancelPatch }),
  { role: "assistant", content: "Done: your Posten order ORD-1001 is cancelled." },
]);

const notRun: ExecutionLayer = { status: "not_applicable", kind: null, message: "Not a code or math task", score: null, steps: [] };
const passingRubric: RubricLayer = {
  ...emptyRubricLayer("skipped", { model: "m", provider: "p" }),
  status: "judged",
  verdict: "pass",
  score: 0.9,
  criteria: [],
};
const filter = filterSettingsSchema.parse({});
const verdictOf = (d: TrajectoryDoc, execution = notRun) => decide({ rules: [], execution, rubric: passingRubric, state: judgeState(d, blueprint) }, filter);

describe("the state layer", () => {
  it("passes an episode that reached the end state, made the required calls in order and told the user the facts", () => {
    const state = judgeState(solved, blueprint);
    expect(state).toMatchObject({ status: "passed", score: 1 });
    expect(verdictOf(solved).verdict).toBe("accepted");
  });

  it("fails, per assertion and with reasons, an episode that never changed the world, and rejects it though the rubric passed", () => {
    const talkedOnly = doc([
      ...opening,
      call("get_order", { order_id: "ORD-1001" }),
      result("get_order", "{}"),
      { role: "assistant", content: "It is cancelled." },
    ]);
    const state = judgeState(talkedOnly, blueprint);
    expect(state.status).toBe("failed");
    expect(state.assertions).toEqual([
      { id: "equals /orders/ORD-1001/status", passed: false, reason: '/orders/ORD-1001/status is "active", expected "cancelled"' },
    ]);
    expect(state.actions.map((a) => a.passed)).toEqual([true, false]);
    expect(state.actions[1].reason).toBe("cancel_order was never called");
    expect(state.facts[0]).toMatchObject({ passed: false, reason: 'never told the user "Posten"' });
    const decision = verdictOf(talkedOnly);
    expect(decision.verdict).toBe("rejected");
    expect(decision.reasons.filter((r) => r.layer === "state")).toHaveLength(3);
  });

  it("checks the order of required actions and is not applicable without a world", () => {
    const swapped = doc([
      ...opening,
      call("cancel_order", { order_id: "ORD-1001" }),
      result("cancel_order", "{}", { worldPatch: cancelPatch }),
      call("get_order", { order_id: "ORD-1001" }),
      result("get_order", "{}"),
      { role: "assistant", content: "Posten" },
    ]);
    expect(judgeState(swapped, blueprint).actions[1]).toMatchObject({ passed: false, reason: expect.stringMatching(/not after the action before it/) });
    expect(judgeState({ ...solved, world: null }, blueprint).status).toBe("not_applicable");
  });
});

describe("blame", () => {
  const blameOf = (d: TrajectoryDoc, opts: { endReason?: string; execution?: ExecutionLayer; blueprint?: unknown; rubric?: RubricLayer } = {}) => {
    const state = judgeState(d, opts.blueprint ?? blueprint);
    const execution = opts.execution ?? notRun;
    const rubric = opts.rubric ?? passingRubric;
    const decision = decide({ rules: [], execution, rubric, state }, filter);
    return assignBlame({
      doc: d,
      endReason: opts.endReason ?? "agent_finished",
      task: { goal: "Get order ORD-1001 cancelled before it ships", mode: "interactive" },
      decision,
      execution,
      state,
      rubric,
    });
  };

  it("no one is blamed for an accepted trajectory", () => {
    expect(blameOf(solved)).toEqual({ blame: null, reasons: [] });
  });

  it("the agent, when it simply did not do the work", () => {
    const r = blameOf(doc([...opening, { role: "assistant", content: "I cannot help." }]));
    expect(r.blame).toBe("agent");
    expect(r.reasons.some((x) => x.startsWith("state: "))).toBe(true);
  });

  it("the user simulator, when it reveals its hidden goal or ends before the agent could act", () => {
    const revealing = doc([
      ...opening,
      { role: "assistant", content: "Which order?" },
      { role: "user", content: "My goal: get order ORD-1001 cancelled before it ships." },
      { role: "assistant", content: "ok" },
    ]);
    expect(blameOf(revealing)).toMatchObject({ blame: "user_simulator", reasons: ["step 3: the user simulator revealed its hidden goal"] });
    const early = doc([...opening, { role: "assistant", content: "Which order?" }, { role: "user", content: "Thanks, all good!" }]);
    expect(blameOf(early, { endReason: "user_satisfied" }).blame).toBe("user_simulator");
  });

  it("the tool simulator, when its change to the world was refused", () => {
    const refused = doc([
      ...opening,
      call("cancel_order", { order_id: "ORD-1001" }),
      result("cancel_order", '{"error":{}}', {
        isError: true,
        violations: [{ code: "world_patch_refused", message: "refused 3 times: operation 1 does not apply" }],
      }),
      { role: "assistant", content: "Sorry." },
    ]);
    expect(blameOf(refused)).toEqual({ blame: "tool_simulator", reasons: ["step 3: refused 3 times: operation 1 does not apply"] });
  });

  it("the task, when its blueprint or verifier cannot be used", () => {
    expect(blameOf(solved, { blueprint: { endState: "nonsense" } }).blame).toBe("task");
    const badVerifier: ExecutionLayer = { status: "error", origin: "task", kind: "code", message: "The task's verifier is unusable", score: null, steps: [] };
    expect(blameOf(solved, { execution: badVerifier }).blame).toBe("task");
  });

  it("the infrastructure, never the agent, when the sandbox failed", () => {
    const sandbox: ExecutionLayer = {
      status: "error",
      origin: "sandbox",
      kind: "code",
      message: "The sandbox failed: node: bad option: --permission",
      score: null,
      steps: [],
    };
    expect(blameOf(solved, { execution: sandbox })).toEqual({ blame: "infrastructure", reasons: ["The sandbox failed: node: bad option: --permission"] });
  });

  it("the infrastructure when the rubric judge's endpoint or model failed, by the error's class; the agent when it failed a layer of its own too", () => {
    const failedJudge = (errorOrigin: RubricLayer["errorOrigin"]): RubricLayer => ({
      ...passingRubric,
      status: "error",
      error: "The judge gave no usable reply",
      errorOrigin,
      verdict: null,
      score: null,
      criteria: [],
    });
    expect(blameOf(solved, { rubric: failedJudge("endpoint") })).toEqual({
      blame: "infrastructure",
      reasons: ["the rubric judge failed (endpoint): The judge gave no usable reply"],
    });
    expect(blameOf(solved, { rubric: failedJudge("model") }).blame).toBe("infrastructure");
    // an error of unknown class is not taken for the infrastructure's
    expect(blameOf(solved, { rubric: failedJudge("work") }).blame).toBe("agent");
    expect(blameOf(doc([...opening, { role: "assistant", content: "I cannot help." }]), { rubric: failedJudge("endpoint") }).blame).toBe("agent");
  });
});

describe("the verdict's reasons never contradict themselves", () => {
  it("a criterion the judge gave no score is 'not scored', not 'scored 0.00'", () => {
    const criterion = {
      id: "c1",
      text: "t",
      kind: "success",
      weight: 1,
      score: 0,
      scored: false,
      justification: "The judge gave no score for this criterion.",
      steps: [],
    };
    const rubric = { ...passingRubric, score: 0.1, criteria: [criterion] } as RubricLayer;
    const reasons = decide({ rules: [], execution: notRun, rubric }, filter).reasons.map((r) => r.message);
    expect(reasons).toContain('Criterion "c1" was not scored');
    expect(reasons.join("\n")).not.toMatch(/scored 0\.00/);
  });
});
