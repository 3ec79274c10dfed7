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
