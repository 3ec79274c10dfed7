import { describe, expect, it } from "vitest";
import { trajectoryDocSchema, type StepInput } from "../trajectory/types";
import { createSandbox } from "../sandbox";
import { judgeExecution, type ExecutionSandbox } from "./execution";
import { findSubmission } from "./submission";

const doc = (messages: StepInput[]) => trajectoryDocSchema.parse({ tools: [], messages });

// A sandbox that "runs" JavaScript tests by looking for the text each test expects, and compares answers numerically.
const fakeSandbox: ExecutionSandbox = {
  async runCodeTests({ code, tests }) {
    const list = tests as { name: string; expects: string }[];
    return { tests: list.map((t) => ({ name: t.name, passed: code.includes(t.expects) })) };
  },
  async checkAnswer({ expected, given }) {
    return { equivalent: Number(expected) === Number(given.replace(/[^\d.-]/g, "")) };
  },
};

const codeTask = {
  environment: "code" as const,
  verifier: {
    language: "javascript",
    tests: [
      { name: "adds", expects: "a + b" },
      { name: "exports", expects: "export" },
    ],
  },
};
const mathTask = { environment: "math" as const, verifier: { answer: 42 } };

describe("execution layer", () => {
  it("is not applicable to simulated tasks or to trajectories without a task", async () => {
    expect(await judgeExecution(fakeSandbox, { environment: "simulated", verifier: null }, doc([]))).toMatchObject({ status: "not_applicable", score: null });
    expect(await judgeExecution(fakeSandbox, null, doc([]))).toMatchObject({ status: "not_applicable" });
  });

  it("code: all hidden tests passing passes, one failing fails with the per-test outcome", async () => {
    const good = doc([
      { role: "user", content: "write add" },
      { role: "assistant", content: "```js\nexport const add = (a, b) => a + b;\n```" },
    ]);
    expect(await judgeExecution(fakeSandbox, codeTask, good)).toMatchObject({
      status: "passed",
      kind: "code",
      score: 1,
      steps: [1],
      message: "2 of 2 tests passed",
    });
    const bad = doc([
      { role: "user", content: "write add" },
      { role: "assistant", content: "```js\nconst add = (a, b) => a + b;\n```" },
    ]);
    const layer = await judgeExecution(fakeSandbox, codeTask, bad);
    expect(layer).toMatchObject({ status: "failed", score: 0.5 });
    expect(layer.tests).toEqual([
      { name: "adds", passed: true },
      { name: "exports", passed: false },
    ]);
  });

  it("code submitted through a tool call counts, with the language it names", async () => {
    let seen = "";
    const sandbox = {
      ...fakeSandbox,
      runCodeTests: async (i: { language: string; code: string }) => ((seen = i.language), { tests: [{ name: "t", passed: true }] }),
    };
    const d = doc([{ role: "assistant", content: null, toolCalls: [{ id: "c1", name: "run_code", arguments: { code: "print(1)", language: "py" } }] }]);
    expect(await judgeExecution(sandbox, codeTask, d)).toMatchObject({ status: "passed", steps: [0] });
    expect(seen).toBe("py");
  });

  it("a sandbox that reports an error, or throws, does not pass", async () => {
    const d = doc([{ role: "assistant", content: "```js\nexport a + b\n```" }]);
    const erroring = { ...fakeSandbox, runCodeTests: async () => ({ tests: [], error: "SyntaxError" }) };
    expect(await judgeExecution(erroring, codeTask, d)).toMatchObject({ status: "failed", message: "The code did not run: SyntaxError" });
    const throwing = { ...fakeSandbox, runCodeTests: async () => Promise.reject(new Error("out of memory")) };
    expect(await judgeExecution(throwing, codeTask, d)).toMatchObject({ status: "error", message: "The sandbox failed: out of memory", score: null });
  });

  it("math: an equivalent final answer passes, another one fails, none at all fails", async () => {
    const right = doc([
      { role: "user", content: "6*7?" },
      { role: "assistant", content: "6 times 7 is \\boxed{42}." },
    ]);
    expect(await judgeExecution(fakeSandbox, mathTask, right)).toMatchObject({ status: "passed", expected: "42", given: "42", score: 1 });
    const wrong = doc([{ role: "assistant", content: "The answer is 41." }]);
    expect(await judgeExecution(fakeSandbox, mathTask, wrong)).toMatchObject({ status: "failed", given: "41", score: 0 });
    expect(await judgeExecution(fakeSandbox, mathTask, doc([{ role: "user", content: "6*7?" }]))).toMatchObject({
      status: "failed",
      message: "The agent gave no final answer",
    });
  });

  it("without a sandbox the layer says so; a broken verifier says so", async () => {
    const d = doc([{ role: "assistant", content: "Answer: 42" }]);
    expect(await judgeExecution(null, mathTask, d)).toMatchObject({ status: "unavailable", score: null, steps: [0] });
    const codeOnly = { runCodeTests: fakeSandbox.runCodeTests };
    expect(await judgeExecution(codeOnly, mathTask, d)).toMatchObject({ status: "unavailable", message: "No sandbox is available to check math answers" });
    expect(await judgeExecution(fakeSandbox, { environment: "code", verifier: { language: "js" } }, d)).toMatchObject({ status: "error" });
  });
});

describe("execution layer on the real sandbox (lib/sandbox)", () => {
  const sandbox = createSandbox();
  const task = {
    environment: "code" as const,
    verifier: { language: "javascript", tests: ["assert.equal(add(2, 3), 5);", { name: "negatives", code: "assert.equal(add(-1, -1), -2);" }] },
  };

  it("runs the agent's code against the hidden tests", async () => {
    const right = doc([{ role: "assistant", content: "```js\nfunction add(a, b) { return a + b; }\n```" }]);
    expect(await judgeExecution(sandbox, task, right)).toMatchObject({ status: "passed", score: 1 });
    const wrong = doc([{ role: "assistant", content: "```js\nfunction add(a, b) { return Math.abs(a) + b; }\n```" }]);
    const layer = await judgeExecution(sandbox, task, wrong);
    expect(layer).toMatchObject({ status: "failed", score: 0.5 });
    expect(layer.tests?.map((t) => t.passed)).toEqual([true, false]);
  });

  it("re-checks Python code the same way, from a synthesised verifier", async () => {
    const python = {
      environment: "code" as const,
      verifier: {
        language: "python",
        functionName: "add",
        tests: [
          { name: "small", args: [2, 3], expected: 5 },
          { name: "negatives", args: [-1, -1], expected: -2 },
        ],
      },
    };
    const right = doc([{ role: "assistant", content: "```python\ndef add(a, b):\n    return a + b\n```" }]);
    expect(await judgeExecution(sandbox, python, right)).toMatchObject({ status: "passed", score: 1 });
    const wrong = doc([{ role: "assistant", content: "```py\ndef add(a, b):\n    return abs(a) + b\n```" }]);
    const layer = await judgeExecution(sandbox, python, wrong);
    expect(layer).toMatchObject({ status: "failed", score: 0.5 });
    expect(layer.tests?.[1].message).toBe("AssertionError: expected -2, got 0");
  });

  it("checks math answers by equivalence, not by spelling", async () => {
    const half = doc([{ role: "assistant", content: "So the probability is \\boxed{\\frac{1}{2}}." }]);
    expect(await judgeExecution(sandbox, { environment: "math", verifier: { answer: "0.5" } }, half)).toMatchObject({ status: "passed" });
    expect(await judgeExecution(sandbox, { environment: "math", verifier: { answer: "0.25" } }, half)).toMatchObject({ status: "failed" });
  });
});

describe("finding the submission", () => {
  it("takes the latest: a later tool call over an earlier fenced block, nested braces in \\boxed", () => {
    const d = doc([
      { role: "assistant", content: "```py\nx = 1\n```" },
      { role: "assistant", content: null, toolCalls: [{ id: "a", name: "submit", arguments: { answer: "\\frac{1}{2}" } }] },
      { role: "assistant", content: "So \\boxed{\\frac{1}{2}} it is" },
    ]);
    expect(findSubmission(d, "math")).toEqual({ step: 2, text: "\\frac{1}{2}" });
    expect(findSubmission(d, "code")).toEqual({ step: 0, text: "x = 1\n", language: "py" });
  });

  it("prefers a stated answer anywhere to the last line of the final message", () => {
    const d = doc([
      { role: "assistant", content: "Final answer: 12" },
      { role: "assistant", content: "Anything else I can help with?" },
    ]);
    expect(findSubmission(d, "math")).toEqual({ step: 0, text: "12" });
    expect(findSubmission(doc([{ role: "assistant", content: "Let me think.\n12." }]), "math")).toEqual({ step: 0, text: "12." });
  });
});
