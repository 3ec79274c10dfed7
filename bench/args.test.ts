import { describe, expect, it } from "vitest";
import { BenchUsageError, benchUsage, parseBenchArgs } from "./args";

const AREAS = ["catalog", "review", "scale"];

describe("bench arguments", () => {
  it("runs every area at full size when nothing is named", () => {
    expect(parseBenchArgs([], AREAS)).toEqual({ areas: AREAS, size: 1, runs: 3, help: false });
  });

  it("runs only the named areas, in the list's order, at the given size and runs", () => {
    expect(parseBenchArgs(["scale", "catalog", "--size", "0.1", "--runs", "1"], AREAS)).toEqual({
      areas: ["catalog", "scale"],
      size: 0.1,
      runs: 1,
      help: false,
    });
    expect(parseBenchArgs(["review"], AREAS, { BENCH_RUNS: "2" }).runs).toBe(2);
  });

  it("refuses an unknown area, a size that is not above zero and a fractional run count", () => {
    expect(() => parseBenchArgs(["reveiw"], AREAS)).toThrow(BenchUsageError);
    expect(() => parseBenchArgs(["--size", "0"], AREAS)).toThrow(/--size/);
    expect(() => parseBenchArgs(["--size", "big"], AREAS)).toThrow(/--size/);
    expect(() => parseBenchArgs(["--runs", "1.5"], AREAS)).toThrow(/--runs/);
  });

  it("lists every area in the help", () => {
    const help = benchUsage({ catalog: { about: "tools" }, scale: { about: "a million" } });
    expect(help).toMatch(/catalog\s+tools/);
    expect(help).toMatch(/scale\s+a million/);
  });
});
