import { AsyncLocalStorage } from "node:async_hooks";

/** Runs `fn` over `items` with at most `limit` in flight; the first error stops new work and is thrown. */
export async function forEachConcurrent<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (!failure && !signal?.aborted && next < items.length) {
      const index = next++;
      try {
        await fn(items[index], index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure) throw (failure as { error: unknown }).error;
}

/** A counting semaphore: `run(fn)` waits for one of `limit` slots. */
export function createLimiter(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    active--;
    waiting.shift()?.();
  };
  return async function run<R>(fn: () => Promise<R>): Promise<R> {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await fn();
    } finally {
      release();
    }
  };
}

/**
 * Lets work items pass one point strictly in item order while everything
 * around that point runs concurrently: `wait(i)` resolves once items before i
 * have passed; `pass(i)` is idempotent, so call it after the ordered step and
 * again in a finally (an item that failed early must not hold the line).
 */
export function createTurnstile(count: number) {
  const opened: Promise<void>[] = [];
  const open: (() => void)[] = [];
  for (let i = 0; i < count; i++) opened.push(new Promise<void>((resolve) => open.push(resolve)));
  const before = (i: number) => (i === 0 ? Promise.resolve() : opened[i - 1]);
  const passed = new Set<number>();
  return {
    wait: before,
    pass(i: number) {
      if (passed.has(i)) return;
      passed.add(i);
      void before(i).then(open[i]);
    },
  };
}

/**
 * How many items a stage keeps in progress for `calls` generator calls in
 * flight: twice as many, so that while some items write to the database
 * others keep every call slot busy.
 */
export function itemsInFlight(calls: number): number {
  return calls * 2;
}

/** Calls a batch-mode run keeps waiting at once: each joins the open batch, so the endpoint's concurrency does not apply. */
export const BATCH_CALLS_IN_FLIGHT = 1_000;

/** A stage's calls in flight: its `concurrency`, or in batch mode as many as a batch should gather. */
export function callsInFlight(config: { concurrency: number; batch?: boolean }): number {
  return config.batch ? Math.max(config.concurrency, BATCH_CALLS_IN_FLIGHT) : config.concurrency;
}

/** Slots for the items' own work: `run` holds one for an item; `idle` gives it up while the item waits. */
export type WorkSlots = {
  run<R>(fn: () => Promise<R>): Promise<R>;
  idle<R>(fn: () => Promise<R>): Promise<R>;
};

export const NO_WORK_LIMIT: WorkSlots = { run: (fn) => fn(), idle: (fn) => fn() };

/**
 * At most `limit` items doing their own work (database writes, checks) at
 * once, however many are waiting: an item gives its slot up while it waits
 * (for a batched model call, its turn at a turnstile) and takes one back
 * before it goes on, ahead of items that have not started. Without this, a
 * batch's answers would wake every waiting item at once and exhaust the
 * database pool.
 */
export function createWorkSlots(limit: number): WorkSlots {
  let free = limit;
  const starting: (() => void)[] = [];
  const resuming: (() => void)[] = [];
  const take = (queue: (() => void)[]) => (free > 0 ? (free--, Promise.resolve()) : new Promise<void>((resolve) => queue.push(resolve)));
  const give = () => {
    const next = resuming.shift() ?? starting.shift();
    if (next) next();
    else free++;
  };
  const items = new AsyncLocalStorage<{ idle: number; ended: boolean }>();
  return {
    async run(fn) {
      await take(starting);
      const item = { idle: 0, ended: false };
      try {
        return await items.run(item, fn);
      } finally {
        item.ended = true;
        if (item.idle === 0) give(); // else its slot was given up and is not taken back
      }
    },
    async idle(fn) {
      const item = items.getStore();
      if (!item) return fn();
      if (item.idle++ === 0) give();
      try {
        return await fn();
      } finally {
        if (--item.idle === 0 && !item.ended) await take(resuming);
      }
    },
  };
}

/** A stage's model-call limiter and its items' work slots (see createWorkSlots; only batch mode limits the work apart). */
export function stageLimits(config: { concurrency: number; batch?: boolean }) {
  const calls = createLimiter(callsInFlight(config));
  const work = config.batch ? createWorkSlots(itemsInFlight(config.concurrency)) : NO_WORK_LIMIT;
  const call = <R>(fn: () => Promise<R>): Promise<R> => work.idle(() => calls(fn));
  return { call, work };
}
