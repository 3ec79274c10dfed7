import { describe, expect, it } from "vitest";
import { Limiter } from "./limiter";

const unlimited = { concurrency: 1000, requestsPerMinute: 0, tokensPerMinute: 0 };

function settled(p: Promise<unknown>) {
  let done = false;
  void p.then(
    () => (done = true),
    () => (done = true),
  );
  return () => done;
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe("limiter", () => {
  it("holds callers beyond the concurrency limit until a slot is released, first come first served", async () => {
    const limiter = new Limiter({ ...unlimited, concurrency: 2 });
    const a = await limiter.acquire(1);
    await limiter.acquire(1);
    const order: string[] = [];
    const c = limiter.acquire(1).then((p) => (order.push("c"), p));
    const d = limiter.acquire(1).then((p) => (order.push("d"), p));
    await tick();
    expect(order).toEqual([]);
    expect(limiter.stats).toEqual({ active: 2, waiting: 2 });
    a.release();
    (await c).release();
    await d;
    expect(order).toEqual(["c", "d"]);
  });

  it("rejects an aborted waiter with the signal's reason and lets the next one through", async () => {
    const limiter = new Limiter({ ...unlimited, concurrency: 1 });
    const held = await limiter.acquire(1);
    const controller = new AbortController();
    const aborted = limiter.acquire(1, controller.signal);
    const next = limiter.acquire(1);
    controller.abort(new Error("stop"));
    await expect(aborted).rejects.toThrow("stop");
    held.release();
    await expect(next).resolves.toBeDefined();
    expect(limiter.stats).toEqual({ active: 1, waiting: 0 });
  });

  it("lets a one-second burst through, then spaces requests to the per-minute rate", async () => {
    const limiter = new Limiter({ ...unlimited, requestsPerMinute: 600 }); // 10 a second
    const started = performance.now();
    const times: number[] = [];
    await Promise.all(Array.from({ length: 12 }, () => limiter.acquire(1).then((p) => (times.push(performance.now() - started), p.release()))));
    expect(times.slice(0, 10).every((t) => t < 30)).toBe(true);
    expect(times[10]).toBeGreaterThanOrEqual(90);
    expect(times[11]).toBeGreaterThanOrEqual(190);
  });

  it("waits for tokens, and charges the real size of a request once it is known", async () => {
    const limiter = new Limiter({ ...unlimited, tokensPerMinute: 60_000 }); // 1000 a second
    (await limiter.acquire(950)).release();
    let started = performance.now();
    const permit = await limiter.acquire(100);
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    permit.release(2_100); // it turned out 2000 tokens bigger: a debt of two seconds
    started = performance.now();
    setTimeout(() => limiter.configure({ ...unlimited, tokensPerMinute: 0 }), 100);
    await limiter.acquire(1);
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
  });

  it("holds everyone back while paused", async () => {
    const limiter = new Limiter(unlimited);
    limiter.pause(60);
    const started = performance.now();
    const done = settled(limiter.acquire(1));
    await tick();
    expect(done()).toBe(false);
    await limiter.acquire(1);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });
});
