import { describe, expect, it } from "vitest";
import { createLimiter, createTurnstile, createWorkSlots, forEachConcurrent } from "./concurrency";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("concurrency helpers", () => {
  it("the turnstile lets items through in order while the rest runs concurrently, even when some fail early", async () => {
    const n = 30;
    const turnstile = createTurnstile(n);
    const order: number[] = [];
    let inFlight = 0;
    let most = 0;
    await forEachConcurrent(
      Array.from({ length: n }, (_, i) => i),
      6,
      async (i) => {
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
      },
    );
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
    await expect(
      forEachConcurrent([1, 2, 3], 2, async (i) => {
        if (i === 2) throw new Error("two");
      }),
    ).rejects.toThrow("two");
  });

  it("the limiter never lets more than its limit run", async () => {
    const limit = createLimiter(2);
    let inFlight = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 10 }, () =>
        limit(async () => {
          inFlight++;
          most = Math.max(most, inFlight);
          await sleep(1);
          inFlight--;
        }),
      ),
    );
    expect(most).toBe(2);
  });
});

describe("work slots (batch mode)", () => {
  const tick = () => new Promise((r) => setTimeout(r, 0));

  it("let every item wait for its call at once while at most `limit` do their own work", async () => {
    const slots = createWorkSlots(2);
    let working = 0;
    let most = 0;
    let waitingForCall = 0;
    let answer!: () => void;
    const answered = new Promise<void>((r) => (answer = r));
    const work = async () => {
      working++;
      most = Math.max(most, working);
      await tick();
      working--;
    };
    const items = Array.from({ length: 10 }, () =>
      slots.run(async () => {
        await work();
        // two calls of one item at once give up one slot, not two
        await Promise.all([0, 1].map(() => slots.idle(async () => (waitingForCall++, await answered))));
        await work();
      }),
    );
    for (let i = 0; i < 50 && waitingForCall < 20; i++) await tick();
    expect(waitingForCall).toBe(20);
    answer();
    await Promise.all(items);
    expect(most).toBe(2);
  });

  it("do not deadlock items that wait for their turn in order, whatever order their calls come back in", async () => {
    const slots = createWorkSlots(2);
    const turnstile = createTurnstile(8);
    const calls = Array.from({ length: 8 }, () => {
      let resolve!: () => void;
      const p = new Promise<void>((r) => (resolve = r));
      return { p, resolve };
    });
    const order: number[] = [];
    const items = calls.map((call, i) =>
      slots.run(async () => {
        await slots.idle(() => call.p);
        await slots.idle(() => turnstile.wait(i));
        order.push(i);
        turnstile.pass(i);
      }),
    );
    for (const call of [...calls].reverse()) call.resolve();
    await Promise.all(items);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});
