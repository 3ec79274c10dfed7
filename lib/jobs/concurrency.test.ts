import { describe, expect, it } from "vitest";
import { createLimiter, createTurnstile, forEachConcurrent } from "./concurrency";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("concurrency helpers", () => {
  it("the turnstile lets items through in order while the rest runs concurrently, even when some fail early", async () => {
    const n = 30;
    const turnstile = createTurnstile(n);
    const order: number[] = [];
    let inFlight = 0;
    let most = 0;
    await forEachConcurrent(Array.from({ length: n }, (_, i) => i), 6, async (i) => {
      inFlight++;
      most = Math.max(most, inFlight);
      try {
        await sleep((i * 7919) % 13);
        if (i % 7 === 3) return; // fails before its ordered step
        await turnstile.wait(i);
        order.push(i);
        turnstile.pass(i);
        await sleep((i * 31) % 5);
      } finally {
        turnstile.pass(i);
        inFlight--;
      }
    });
    expect(order).toEqual(Array.from({ length: n }, (_, i) => i).filter((i) => i % 7 !== 3));
    expect(most).toBeGreaterThan(1);
  });

  it("forEachConcurrent keeps at most `limit` in flight and rethrows the first failure", async () => {
    let inFlight = 0;
    let most = 0;
    await forEachConcurrent(Array.from({ length: 20 }), 3, async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await sleep(2);
      inFlight--;
    });
    expect(most).toBe(3);
    await expect(forEachConcurrent([1, 2, 3], 2, async (i) => { if (i === 2) throw new Error("two"); })).rejects.toThrow("two");
  });

  it("the limiter never lets more than its limit run", async () => {
    const limit = createLimiter(2);
    let inFlight = 0;
    let most = 0;
    await Promise.all(Array.from({ length: 10 }, () => limit(async () => { inFlight++; most = Math.max(most, inFlight); await sleep(1); inFlight--; })));
    expect(most).toBe(2);
  });
});
