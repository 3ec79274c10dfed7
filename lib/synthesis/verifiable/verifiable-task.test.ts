import { describe, expect, it } from "vitest";
import { createRng, deriveSeed } from "../random";
import { verifierSchema } from "../task-schemas";
import { codeProblem, expectedOutputs } from "./code-problems";
import { mathProblem } from "./math-problems";
import { codeTask, mathTask } from "./verifiable-task";

describe("verifiable tasks", () => {
  it("code tasks carry hidden tests that their reference passes and a wrong solution fails", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++) {
      const task = codeTask(createRng(deriveSeed(1, "code", i)));
      const verifier = verifierSchema.parse(task.verifier);
      if (verifier.kind !== "code") throw new Error("expected a code verifier");
      seen.add(verifier.functionName);
      const fn = new Function(`${verifier.reference}; return ${verifier.functionName};`)();
      for (const test of verifier.tests) expect(fn(...structuredClone(test.args))).toEqual(test.expected);
      const wrong = () => null;
      expect(verifier.tests.some((t) => JSON.stringify(wrong()) !== JSON.stringify(t.expected))).toBe(true);
      expect(task.instruction).toContain(verifier.signature);
    }
    expect(seen.size).toBeGreaterThanOrEqual(5);
  });

  it("a code task may be posed in Python: the same problem and hidden tests, Python's name, signature and instruction", () => {
    const languages = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const js = codeTask(createRng(deriveSeed(1, "code", i)));
      const either = codeTask(createRng(deriveSeed(1, "code", i)), ["javascript", "python"]);
      const a = verifierSchema.parse(js.verifier);
      const b = verifierSchema.parse(either.verifier);
      if (a.kind !== "code" || b.kind !== "code") throw new Error("expected code verifiers");
      languages.add(b.language);
      // the language is drawn after the problem: the problem and its tests stay the seed's
      expect(b.tests).toEqual(a.tests);
      expect(either.provenance.problem).toBe(js.provenance.problem);
      if (b.language === "python") {
        expect(b.functionName).toMatch(/^[a-z_]+$/);
        expect(b.reference).toContain(`def ${b.functionName}(`);
        expect(either.instruction).toMatch(new RegExp(`^Write a Python function \`${b.functionName}\\(`));
      } else {
        expect(either.verifier).toEqual(js.verifier);
      }
    }
    expect([...languages].sort()).toEqual(["javascript", "python"]);
  });

  it("known cases come out right", () => {
    for (let i = 0; i < 200; i++) {
      const p = codeProblem(createRng(i));
      const out = expectedOutputs(p);
      if (p.functionName === "romanToInt") expect(out[2]).toBe(1994);
      if (p.functionName === "sumOfMultiples") expect(out[0]).toBe(23);
      if (p.functionName === "isBalanced") expect(out.slice(0, 4)).toEqual([true, false, true, true]);
      if (p.functionName === "runLengthEncode") expect(out.slice(0, 2)).toEqual(["", "1a"]);
      if (p.functionName === "mergeIntervals")
        expect(out[1]).toEqual([
          [1, 6],
          [8, 10],
        ]);
    }
  });

  it("math answers are exact and follow from the statement", () => {
    for (let i = 0; i < 300; i++) {
      const p = mathProblem(createRng(deriveSeed(2, i)));
      expect(p.answer).toMatch(/^-?\d+(\/\d+|\.\d{2})?$/);
      const numbers = p.statement.match(/-?\d+(\.\d+)?/g)!.map(Number);
      if (p.topic === "arithmetic") expect(Number(p.answer)).toBe(numbers[0] * numbers[1] + numbers[2] * numbers[3]);
      if (p.topic === "algebra" && p.statement.startsWith("Solve for x:")) {
        const [a, b, rhs] = [numbers[0], p.statement.includes(" - ") ? -numbers[1] : numbers[1], numbers[2]];
        expect(a * Number(p.answer) + b).toBe(rhs);
      }
      if (p.answer.includes("/")) {
        const [n, d] = p.answer.split("/").map(Number);
        expect(d).toBeGreaterThan(1);
        const g = (x: number, y: number): number => (y ? g(y, x % y) : Math.abs(x));
        expect(g(n, d)).toBe(1);
      }
    }
    const task = mathTask(createRng(5));
    expect(verifierSchema.parse(task.verifier)).toMatchObject({ kind: "math" });
  });
});
