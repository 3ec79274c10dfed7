import { isTransientDbError } from "./errors";

type Queued<T> = { value: T; resolve(): void; reject(e: unknown): void };

export type WriteBatcherOptions<T> = {
  /** writes running at once */
  maxInFlight: number;
  /** values per write */
  maxBatch: number;
  /** values with the same key never share a write: the later waits for the next one */
  uniqueBy?: (value: T) => string;
};

/**
 * Gathers the values that arrive while a write is in flight into the next
 * write, so hundreds of callers cost a few statements per second rather than
 * one each. Each value resolves only once its write committed.
 *
 * When a write fails:
 * - because the database went away (isTransientDbError), the values of that
 *   write and every value queued behind it are rejected with that error, at
 *   once, and none is retried here. Nothing of theirs was committed; the
 *   caller's job fails on the error and the queue runs it again, resuming from
 *   what was committed. Queued values would only meet the same lost database,
 *   each after a connection timeout of its own. Values added afterwards are
 *   written as usual.
 * - for any other reason, it is written again value by value, so one bad value
 *   fails alone.
 */
export function createWriteBatcher<T>(write: (batch: T[]) => Promise<void>, opts: WriteBatcherOptions<T>): (value: T) => Promise<void> {
  let queue: Queued<T>[] = [];
  let inFlight = 0;
  const take = () => {
    const batch: Queued<T>[] = [];
    const seen = new Set<string>();
    for (const q of queue) {
      const unique = opts.uniqueBy?.(q.value);
      if (batch.length >= opts.maxBatch || (unique !== undefined && seen.has(unique))) break;
      if (unique !== undefined) seen.add(unique);
      batch.push(q);
    }
    queue = queue.slice(batch.length);
    return batch;
  };
  const failed = async (batch: Queued<T>[], e: unknown) => {
    if (isTransientDbError(e)) {
      const behind = queue;
      queue = [];
      return [...batch, ...behind].forEach((q) => q.reject(e));
    }
    if (batch.length === 1) return batch[0]!.reject(e);
    await Promise.all(batch.map((q) => write([q.value]).then(q.resolve, q.reject)));
  };
  const pump = () => {
    while (inFlight < opts.maxInFlight && queue.length) {
      const batch = take();
      inFlight++;
      write(batch.map((q) => q.value))
        .then(
          () => batch.forEach((q) => q.resolve()),
          (e: unknown) => failed(batch, e),
        )
        .finally(() => {
          inFlight--;
          pump();
        });
    }
  };
  return (value: T) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ value, resolve, reject });
      if (queue.length === 1) setImmediate(pump);
    });
}
