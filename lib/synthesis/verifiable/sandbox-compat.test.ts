import { describe, expect, it } from "vitest";
import { checkAnswer, runCodeTests } from "../../sandbox";
import { createRng, deriveSeed } from "../random";
import { codeTask, mathTask } from "./verifiable-task";

// The verifiers synthesis writes are the ones the sandbox runs: a known-good
// solution passes every hidden test, a wrong one fails, and a math task's
// answer is recognised in the form a model would write it.

function oneOfEachProblem() {
  const tasks = new Map<string, ReturnType<typeof codeTask>>();
  for (let i = 0; tasks.size < 7 && i < 500; i++) {
    const task = codeTask(createRng(deriveSeed(3, i)));
    if (task.verifier.kind === "code") tasks.set(task.verifier.functionName, task);
  }
  return [...tasks.values()];
}

describe("verifiers in the sandbox", () => {
  it("every code problem's reference passes its hidden tests and a wrong solution fails them", { timeout: 60_000 }, async () => {
    const tasks = oneOfEachProblem();
    expect(tasks).toHaveLength(7);
    for (const task of tasks) {
      if (task.verifier.kind !== "code") continue;
      const good = await runCodeTests({ code: task.verifier.reference, tests: task.verifier });
      expect(good.error).toBeUndefined();
      expect(good.passed).toBe(good.total);
      const bad = await runCodeTests({ code: `function ${task.verifier.functionName}() { return null; }`, tests: task.verifier });
      expect(bad.passed).toBeLessThan(bad.total);
    }
  });

  it(
    "every problem posed in Python: its reference passes the hidden tests the JavaScript reference computed, a wrong one fails",
    { timeout: 60_000 },
    async () => {
      const seen = new Set<string>();
      for (let i = 0; seen.size < 7 && i < 500; i++) {
        const task = codeTask(createRng(deriveSeed(3, i)), ["python"]);
        if (task.verifier.kind !== "code" || seen.has(task.verifier.functionName)) continue;
        seen.add(task.verifier.functionName);
        expect(task.verifier.language).toBe("python");
        const good = await runCodeTests({ code: task.verifier.reference, tests: task.verifier });
        expect(good.error, task.verifier.functionName).toBeUndefined();
        expect(
          good.tests.filter((t) => !t.passed),
          task.verifier.functionName,
        ).toEqual([]);
        const bad = await runCodeTests({ code: `def ${task.verifier.functionName}(*args):\n    return None\n`, tests: task.verifier });
        expect(bad.passed).toBeLessThan(bad.total);
      }
      expect(seen.size).toBe(7);
    },
  );

  it("math answers are accepted as a model would state them", () => {
    for (let i = 0; i < 40; i++) {
      const task = mathTask(createRng(deriveSeed(4, i)));
      if (task.verifier.kind !== "math") continue;
      expect(checkAnswer({ expected: task.verifier.answer, given: `Working it out step by step.\nAnswer: ${task.verifier.answer}` }).equivalent).toBe(true);
      expect(checkAnswer({ expected: task.verifier.answer, given: "Answer: 123456789" }).equivalent).toBe(false);
    }
  });
});
