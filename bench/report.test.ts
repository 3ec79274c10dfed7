import { describe, expect, it } from "vitest";
import { median, meetsTarget } from "./report";

describe("benchmark report", () => {
  it("takes the median of the samples", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("checks targets in both directions and says by how much they are beaten", () => {
    expect(meetsTarget(1, "< 2 ms")).toEqual({ meets: true, ratio: 2 });
    expect(meetsTarget(3, "< 2 ms")).toEqual({ meets: false, ratio: 2 / 3 });
    expect(meetsTarget(2000, ">= 1000/s")).toEqual({ meets: true, ratio: 2 });
    expect(meetsTarget(5, "fast")).toEqual({ meets: null, ratio: null });
  });
});
