import { describe, expect, it } from "vitest";
import { checkAnswer } from "./equivalence";
import { evaluate, parseExpression } from "./expression";
import { extractFinalAnswer, normalizeAnswer } from "./normalize";

const same = (expected: string, given: string) => checkAnswer({ expected, given }).equivalent;

describe("safe expression evaluator", () => {
  it("respects precedence, right-associative powers, unary minus and implicit products", () => {
    expect(evaluate(parseExpression("2 + 3 * 4 ^ 2 ^ 0.5 / 4"))).toBeCloseTo(2 + (3 * 4 ** Math.SQRT2) / 4);
    expect(evaluate(parseExpression("-2^2"))).toBe(-4);
    expect(evaluate(parseExpression("2(3+1)x"), { x: 2 })).toBe(16);
    expect(evaluate(parseExpression("2pi"))).toBeCloseTo(2 * Math.PI);
    expect(evaluate(parseExpression("sqrt 16 + 5!"))).toBe(124);
    expect(evaluate(parseExpression("50%"))).toBe(0.5);
  });

  it("refuses anything that is not arithmetic", () => {
    for (const bad of ["process.exit()", "constructor(1)", "__proto__", "a;b", "`x`", "2 +", "(1"]) {
      expect(() => evaluate(parseExpression(bad), { a: 1, b: 1, x: 1, constructor: 1, process: 1, exit: 1 }), bad).toThrow();
    }
  });
});

describe("answer equivalence", () => {
  it("numbers within a tolerance, in any notation", () => {
    expect(same("0.75", "3/4")).toBe(true);
    expect(same("3/4", "\\frac{3}{4}")).toBe(true);
    expect(same("0.3333333", "1/3")).toBe(true);
    expect(same("0.333", "1/3")).toBe(false);
    expect(checkAnswer({ expected: "0.333", given: "1/3", relTolerance: 1e-2 }).equivalent).toBe(true);
    expect(same("1000000", "1,000,000")).toBe(true);
    expect(same("1.5", "1 1/2")).toBe(true);
    expect(same("2.5e-3", "0.0025")).toBe(true);
    expect(same("12", "12.0")).toBe(true);
    expect(same("12", "13")).toBe(false);
    expect(same("0.5", "50%")).toBe(true);
  });

  it("LaTeX, boxed answers, degrees and units", () => {
    expect(same("2\\sqrt{2}", "\\sqrt{8}")).toBe(true);
    expect(same("\\dfrac{\\pi}{2}", "1.5707963")).toBe(true);
    expect(same("45", "45^\\circ")).toBe(true);
    expect(same("12", "12 \\text{ cm}")).toBe(true);
    expect(same("8", "So the total is \\boxed{8}.")).toBe(true);
    expect(same("\\sqrt[3]{27}", "3")).toBe(true);
  });

  it("expressions are compared as functions of their variables", () => {
    expect(same("2x + 2", "2(x+1)")).toBe(true);
    expect(same("(x+1)^2", "x^2 + 2x + 1")).toBe(true);
    expect(same("x^2 - 1", "(x-1)(x+1)")).toBe(true);
    expect(same("x^2 + 1", "(x+1)^2")).toBe(false);
    expect(same("y = 3x", "3x")).toBe(true);
    expect(same("ln(e^x)", "x")).toBe(true);
  });

  it("several values match in any order", () => {
    expect(same("2, 3", "x = 3 or x = 2")).toBe(true);
    expect(same("(1, 2)", "(1,2)")).toBe(true);
    expect(same("2, 3", "2, 4")).toBe(false);
    expect(same("2, 3", "2")).toBe(false);
  });

  it("words are compared as text", () => {
    expect(same("Paris", "paris")).toBe(true);
    expect(same("no solution", "No solution.")).toBe(true);
    expect(same("Paris", "Rome")).toBe(false);
  });

  it("finds the answer in a whole reply", () => {
    expect(same("42", "Adding both parts gives 40 + 2.\nThe answer is 42.")).toBe(true);
    expect(same("42", "Final answer: $42$")).toBe(true);
    expect(same("7", "I think it might be 6 or so")).toBe(false);
    expect(checkAnswer({ expected: "7", given: "6" }).detail).toBe("expected 7, got 6");
  });

  it("normalization and extraction on their own", () => {
    expect(normalizeAnswer("$\\frac{1}{2}$")).toBe("((1)/(2))");
    expect(extractFinalAnswer("work...\n\\boxed{\\frac{1}{2}} is it")).toBe("\\frac{1}{2}");
    expect(extractFinalAnswer("first line\nlast line")).toBe("last line");
  });
});
