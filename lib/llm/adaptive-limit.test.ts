import { describe, expect, it } from "vitest";
import { adapt, AIMD, decayCounts, fairShares, NO_OBSERVATIONS, RATE_HALF_LIFE_MS, type AimdState } from "./adaptive-limit";

const start: AimdState = { configuredLimit: 16, currentLimit: 16, baselineLatencyMs: 1_000, lastDecreaseAt: null };
const at = (ms: number) => new Date(1_800_000_000_000 + ms);
const ok = (successes: number, latencyMs = 1_000) => ({ ...NO_OBSERVATIONS, attempts: successes, successes, latencyMsTotal: successes * latencyMs });

describe("adaptive concurrency (AIMD)", () => {
  it("halves on 429s once per gap, however many arrive together, and never below 1", () => {
    const limited = { ...NO_OBSERVATIONS, attempts: 12, rateLimited: 12 };
    let s = adapt(start, limited, at(0));
    expect(s.currentLimit).toBe(8);
    s = adapt(s, limited, at(AIMD.decreaseGapMs - 1));
    expect(s.currentLimit).toBe(8);
    for (let i = 1; i <= 6; i++) s = adapt(s, limited, at(i * AIMD.decreaseGapMs));
    expect(s.currentLimit).toBe(1);
  });

  it("grows back by one per limit successes, up to the configured limit and no further", () => {
    let s = adapt(start, { ...NO_OBSERVATIONS, attempts: 1, rateLimited: 1 }, at(0));
    expect(s.currentLimit).toBe(8);
    s = adapt(s, ok(8), at(10_000));
    expect(s.currentLimit).toBe(9);
    for (let i = 0; i < 20; i++) s = adapt(s, ok(16), at(20_000 + i));
    expect(s.currentLimit).toBe(16);
  });

  it("cuts a little when latency climbs well past the baseline, and a model that is simply slower stops being cut", () => {
    let s = adapt(start, ok(10, 4_000), at(0));
    expect(s.currentLimit).toBeCloseTo(16 * AIMD.latencyFactor);
    // a small rise is noise, not congestion, and so are a few slow answers
    expect(adapt(start, ok(10, 2_900), at(0)).currentLimit).toBe(16);
    expect(adapt(start, ok(AIMD.latencySamples - 1, 9_000), at(0)).currentLimit).toBeGreaterThan(16 * AIMD.latencyFactor);
    const lowest = { limit: s.currentLimit };
    for (let i = 1; i < 40; i++) {
      s = adapt(s, ok(10, 4_000), at(i * AIMD.decreaseGapMs));
      lowest.limit = Math.min(lowest.limit, s.currentLimit);
    }
    // the baseline followed the slower model: a few cuts, then it grew back
    expect(lowest.limit).toBeGreaterThan(4);
    expect(s.baselineLatencyMs).toBeGreaterThan(2_000);
    expect(s.currentLimit).toBe(16);
  });

  it("counts recent requests with a five-minute half-life", () => {
    const counts = decayCounts(
      { requests: 100, rateLimited: 40, serverErrors: 10, countedAt: at(0) },
      { ...NO_OBSERVATIONS, attempts: 2, rateLimited: 1 },
      at(RATE_HALF_LIFE_MS),
    );
    expect(counts).toEqual({ requests: 52, rateLimited: 21, serverErrors: 5, countedAt: at(RATE_HALF_LIFE_MS) });
  });
});

describe("fair shares of an endpoint's slots", () => {
  it("gives each worker what it asks for up to an equal split, and a light user's rest to the busy ones", () => {
    const shares = fairShares(8, [
      { holder: "a", demand: 20, held: 0 },
      { holder: "b", demand: 1, held: 0 },
      { holder: "c", demand: 20, held: 0 },
    ]);
    expect(Object.fromEntries(shares)).toEqual({ a: 4, b: 1, c: 3 });
  });

  it("at a limit of one, gives the slot to the worker without one, so two busy workers take turns", () => {
    expect(
      Object.fromEntries(
        fairShares(1, [
          { holder: "a", demand: 5, held: 1 },
          { holder: "b", demand: 5, held: 0 },
        ]),
      ),
    ).toEqual({ a: 0, b: 1 });
    expect(
      Object.fromEntries(
        fairShares(1, [
          { holder: "a", demand: 5, held: 0 },
          { holder: "b", demand: 5, held: 1 },
        ]),
      ),
    ).toEqual({ a: 1, b: 0 });
  });
});
