import { describe, expect, it } from "vitest";
import { nextMarked, parseStep } from "./steps";

describe("step navigation", () => {
  it("finds the next and previous marked step, or none", () => {
    const marks = [2, 5, 9];
    expect(nextMarked(marks, 0, 1)).toBe(2);
    expect(nextMarked(marks, 5, 1)).toBe(9);
    expect(nextMarked(marks, 9, 1)).toBeNull();
    expect(nextMarked(marks, 9, -1)).toBe(5);
    expect(nextMarked(marks, 2, -1)).toBeNull();
  });

  it("reads ?step= leniently", () => {
    expect(parseStep("3", 10)).toBe(3);
    expect(parseStep("42", 10)).toBe(9);
    expect(parseStep("-1", 10)).toBe(0);
    expect(parseStep("abc", 10)).toBe(0);
    expect(parseStep(["4", "5"], 10)).toBe(4);
    expect(parseStep(undefined, 0)).toBe(0);
  });
});
