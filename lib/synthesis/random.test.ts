import { describe, expect, it } from "vitest";
import { createRng, deriveSeed, sample } from "./random";

describe("seeded randomness", () => {
  it("seeded sampling repeats for a seed and differs across seeds", () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const a = sample(createRng(deriveSeed(7, "x", 1)), items, 10);
    expect(sample(createRng(deriveSeed(7, "x", 1)), items, 10)).toEqual(a);
    expect(sample(createRng(deriveSeed(8, "x", 1)), items, 10)).not.toEqual(a);
    expect(new Set(a).size).toBe(10);
  });
});
