import { describe, expect, it } from "vitest";
import { formatScoreValue, scoreConfigInputSchema, scoreValueProblem, type ScoreConfigView } from "./score-config-schema";

const config = (c: Partial<ScoreConfigView> & Pick<ScoreConfigView, "kind">): ScoreConfigView => ({
  id: "c",
  name: "Q",
  description: "",
  scope: "trajectory",
  options: [],
  multiple: false,
  min: null,
  max: null,
  ...c,
});

describe("score configurations", () => {
  it("accepts each kind as an admin defines it and refuses what cannot be answered", () => {
    expect(scoreConfigInputSchema.safeParse({ kind: "boolean", name: "Helpful", scope: "trajectory" }).success).toBe(true);
    expect(scoreConfigInputSchema.safeParse({ kind: "text", name: "What went wrong", scope: "step" }).success).toBe(true);
    expect(
      scoreConfigInputSchema.safeParse({ kind: "categorical", name: "Issue", scope: "step", options: ["wrong tool", "bad args"], multiple: true }).success,
    ).toBe(true);
    expect(scoreConfigInputSchema.safeParse({ kind: "numeric", name: "Quality", scope: "trajectory", min: 1, max: 5 }).success).toBe(true);

    expect(scoreConfigInputSchema.safeParse({ kind: "categorical", name: "Issue", scope: "step", options: ["only one"] }).success).toBe(false);
    expect(scoreConfigInputSchema.safeParse({ kind: "categorical", name: "Issue", scope: "step", options: ["a", "a"] }).success).toBe(false);
    expect(scoreConfigInputSchema.safeParse({ kind: "numeric", name: "Quality", scope: "trajectory", min: 5, max: 5 }).success).toBe(false);
    expect(scoreConfigInputSchema.safeParse({ kind: "boolean", name: " ", scope: "trajectory" }).success).toBe(false);
    expect(scoreConfigInputSchema.safeParse({ kind: "boolean", name: "Helpful", scope: "message" }).success).toBe(false);
    expect(scoreConfigInputSchema.safeParse({ kind: "stars", name: "Helpful", scope: "trajectory" }).success).toBe(false);
  });

  it("a boolean takes true or false only", () => {
    const c = config({ kind: "boolean" });
    expect(scoreValueProblem(c, true)).toBeNull();
    expect(scoreValueProblem(c, false)).toBeNull();
    expect(scoreValueProblem(c, "yes")).toMatch(/^Q: /);
    expect(scoreValueProblem(c, 1)).not.toBeNull();
  });

  it("a single-label categorical takes one of its options; a multi-label one a non-empty set of them", () => {
    const single = config({ kind: "categorical", options: ["good", "bad"] });
    expect(scoreValueProblem(single, "good")).toBeNull();
    expect(scoreValueProblem(single, "ugly")).toMatch(/not one of good, bad/);
    expect(scoreValueProblem(single, ["good"])).not.toBeNull();
    const multi = config({ kind: "categorical", options: ["wrong tool", "bad args", "hallucination"], multiple: true });
    expect(scoreValueProblem(multi, ["wrong tool", "hallucination"])).toBeNull();
    expect(scoreValueProblem(multi, [])).toMatch(/at least one/);
    expect(scoreValueProblem(multi, ["wrong tool", "wrong tool"])).toMatch(/once/);
    expect(scoreValueProblem(multi, ["made up"])).toMatch(/not one of/);
    expect(scoreValueProblem(multi, "wrong tool")).not.toBeNull();
  });

  it("a numeric takes a number inside its range, ends included", () => {
    const c = config({ kind: "numeric", min: 1, max: 5 });
    expect(scoreValueProblem(c, 1)).toBeNull();
    expect(scoreValueProblem(c, 5)).toBeNull();
    expect(scoreValueProblem(c, 3.5)).toBeNull();
    expect(scoreValueProblem(c, 0)).toMatch(/at least 1/);
    expect(scoreValueProblem(c, 6)).toMatch(/at most 5/);
    expect(scoreValueProblem(c, "3")).not.toBeNull();
  });

  it("a free text takes words, not an empty answer", () => {
    const c = config({ kind: "text" });
    expect(scoreValueProblem(c, "confused the two cities")).toBeNull();
    expect(scoreValueProblem(c, "   ")).toMatch(/empty/);
    expect(scoreValueProblem(c, 4)).not.toBeNull();
  });

  it("values read as words in the review history", () => {
    expect([true, false, ["a", "b"], 3, "x", null].map(formatScoreValue)).toEqual(["yes", "no", "a, b", "3", "x", "—"]);
  });
});
