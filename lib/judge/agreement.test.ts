import { describe, expect, it } from "vitest";
import { agreement, cohensKappa, krippendorffAlpha } from "./agreement";

describe("Cohen's kappa", () => {
  it("matches hand-computed values", () => {
    // n=50, po=(20+15)/50=0.7; rows 25/25, cols 30/20 → pe=0.5·0.6+0.5·0.4=0.5 → κ=(0.7−0.5)/0.5=0.4
    expect(
      cohensKappa([
        [20, 5],
        [10, 15],
      ]),
    ).toBeCloseTo(0.4, 12);
    // n=100, po=0.85; rows 50/50, cols 55/45 → pe=0.5 → κ=0.7
    expect(
      cohensKappa([
        [45, 5],
        [10, 40],
      ]),
    ).toBeCloseTo(0.7, 12);
    // three labels: n=30, po=(8+7+7)/30=11/15; rows 10/10/10, cols 12/9/9 → pe=(12+9+9)/90=1/3 → κ=(11/15−1/3)/(2/3)=0.6
    expect(
      cohensKappa([
        [8, 1, 1],
        [2, 7, 1],
        [2, 1, 7],
      ]),
    ).toBeCloseTo(0.6, 12);
  });

  it("perfect agreement is 1, systematic disagreement is negative, chance-level agreement is 0", () => {
    expect(
      cohensKappa([
        [3, 0],
        [0, 7],
      ]),
    ).toBe(1);
    // po=0; rows 5/5, cols 5/5 → pe=0.5 → κ=−1
    expect(
      cohensKappa([
        [0, 5],
        [5, 0],
      ]),
    ).toBe(-1);
    // po=0.5, pe=0.5 → κ=0
    expect(
      cohensKappa([
        [25, 25],
        [25, 25],
      ]),
    ).toBe(0);
  });

  it("is undefined (null) without items or when both raters only ever used one label", () => {
    expect(
      cohensKappa([
        [0, 0],
        [0, 0],
      ]),
    ).toBeNull();
    expect(
      cohensKappa([
        [9, 0],
        [0, 0],
      ]),
    ).toBeNull();
  });

  it("one rater using a single label gives κ=0 however accurate it looks", () => {
    // human accepts 8 of 10, judge accepts all: po=0.8, pe=0.8·1+0.2·0=0.8 → κ=0
    expect(
      cohensKappa([
        [8, 0],
        [2, 0],
      ]),
    ).toBe(0);
  });
});

describe("agreement", () => {
  it("builds the confusion matrix, accuracy, kappa and the disagreeing ids", () => {
    const items = [
      { id: "t1", a: "accepted", b: "accepted" },
      { id: "t2", a: "accepted", b: "rejected" },
      { id: "t3", a: "rejected", b: "rejected" },
      { id: "t4", a: "rejected", b: "accepted" },
      { id: "t5", a: "accepted", b: "accepted" },
    ] as const;
    const result = agreement([...items], ["accepted", "rejected"]);
    expect(result.matrix.counts).toEqual([
      [2, 1],
      [1, 1],
    ]);
    expect(result.accuracy).toBeCloseTo(0.6);
    // rows 3/2, cols 3/2 → pe=0.36+0.16=0.52 → κ=(0.6−0.52)/0.48=1/6
    expect(result.kappa).toBeCloseTo(1 / 6, 12);
    expect(result.disagreeing).toEqual(["t2", "t4"]);
  });

  it("an empty set has no accuracy and no kappa; an unknown label is an error", () => {
    expect(agreement([], ["pass", "fail"])).toMatchObject({ n: 0, accuracy: null, kappa: null });
    expect(() => agreement([{ id: "x", a: "pass", b: "maybe" as "fail" }], ["pass", "fail"])).toThrow(/label/);
  });
});

describe("Krippendorff's alpha", () => {
  // Krippendorff's reliability data (Computing Krippendorff's alpha-reliability, 2011, section C):
  // four observers, twelve units, "." a missing value; alpha nominal 0.743, interval 0.849.
  const observers = ["1 2 3 3 2 1 4 1 2 . . .", "1 2 3 3 2 2 4 1 2 5 . 3", ". 3 3 3 2 3 4 2 2 5 1 .", "1 2 3 3 2 4 4 1 2 5 1 ."].map((line) => line.split(" "));
  const units = (table: string[][]) => table[0].map((_, u) => table.flatMap((row) => (row[u] === "." || row[u] === "*" ? [] : [Number(row[u])])));

  it("matches Krippendorff's published values for his reliability data", () => {
    const nominal = krippendorffAlpha(units(observers), "nominal");
    // unit 12 has one value only: eleven pairable units
    expect(nominal).toEqual({ alpha: expect.closeTo(0.743, 3), units: 11 });
    expect(krippendorffAlpha(units(observers), "interval").alpha).toBeCloseTo(0.849, 3);
  });

  it("matches Wikipedia's worked example (three coders, fifteen units)", () => {
    const coders = ["* * * * * 3 4 1 2 1 1 3 3 * 3", "1 * 2 1 3 3 4 3 * * * * * * *", "* * 2 1 3 4 4 * 2 1 1 3 3 * 4"].map((line) => line.split(" "));
    expect(krippendorffAlpha(units(coders), "nominal").alpha).toBeCloseTo(0.691, 3);
    expect(krippendorffAlpha(units(coders), "interval").alpha).toBeCloseTo(0.811, 3);
  });

  it("is 1 for perfect agreement and null when nothing varies or nothing is pairable", () => {
    expect(
      krippendorffAlpha(
        [
          ["a", "a"],
          ["b", "b", "b"],
        ],
        "nominal",
      ).alpha,
    ).toBe(1);
    expect(
      krippendorffAlpha(
        [
          ["a", "a"],
          ["a", "a"],
        ],
        "nominal",
      ),
    ).toEqual({ alpha: null, units: 2 });
    expect(krippendorffAlpha([["a"], []], "nominal")).toEqual({ alpha: null, units: 0 });
  });

  it("by hand: two units, two coders, one disagreement", () => {
    // units (a,a) and (a,b): o_aa=2, o_ab=o_ba=1, o_bb=0; n_a=3, n_b=1, n=4
    // Do = 2/4; De = 2·3·1/(4·3) = 1/2 → alpha = 1 − Do/De = 0
    expect(
      krippendorffAlpha(
        [
          ["a", "a"],
          ["a", "b"],
        ],
        "nominal",
      ).alpha,
    ).toBeCloseTo(0, 12);
  });
});
