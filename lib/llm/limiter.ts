import { abortReason } from "./errors";

export type RateLimits = {
  concurrency: number;
  /** 0 means no limit. */
  requestsPerMinute: number;
  /** 0 means no limit. */
  tokensPerMinute: number;
};

type Clock = () => number;

/** Refills continuously at `perMinute`; holds one second's worth, so bursts stay small. */
class TokenBucket {
  private level: number;
  private last: number;

  constructor(
    private perMinute: number,
    private readonly now: Clock,
  ) {
    this.level = this.capacity;
    this.last = now();
  }

  private get capacity() {
    return Math.max(1, this.perMinute / 60);
  }

  setRate(perMinute: number) {
    this.refill();
    this.perMinute = perMinute;
    this.level = Math.min(this.level, this.capacity);
  }

  private refill() {
    const t = this.now();
    this.level = Math.min(this.capacity, this.level + ((t - this.last) * this.perMinute) / 60_000);
    this.last = t;
  }

  /** Milliseconds until `amount` may be taken. A request larger than the bucket goes once it is full, leaving a debt. */
  waitMs(amount: number): number {
    if (this.perMinute <= 0) return 0;
    this.refill();
    const need = Math.min(amount, this.capacity);
    return this.level >= need ? 0 : ((need - this.level) * 60_000) / this.perMinute;
  }

  /** Negative amounts give back what an estimate took too much of. */
  take(amount: number) {
    if (this.perMinute <= 0) return;
    this.refill();
    this.level = Math.min(this.capacity, this.level - amount);
  }
}

export type Permit = { release(actualTokens?: number): void };

type Waiter = {
  tokens: number;
  resolve: (p: Permit) => void;
  reject: (e: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
};

/**
 * Concurrency, requests-per-minute and tokens-per-minute in one first-come,
 * first-served queue. Written here because none of the installed packages
 * (p-limit) does rate and token limits with abortable waits.
 */
export class Limiter {
  private active = 0;
  private queue: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pausedUntil = 0;
  private readonly requests: TokenBucket;
  private readonly tokens: TokenBucket;

  constructor(
    private limits: RateLimits,
    private readonly now: Clock = () => performance.now(),
  ) {
    this.requests = new TokenBucket(limits.requestsPerMinute, now);
    this.tokens = new TokenBucket(limits.tokensPerMinute, now);
  }

  configure(limits: RateLimits) {
    if (
      limits.concurrency === this.limits.concurrency &&
      limits.requestsPerMinute === this.limits.requestsPerMinute &&
      limits.tokensPerMinute === this.limits.tokensPerMinute
    )
      return;
    this.limits = limits;
    this.requests.setRate(limits.requestsPerMinute);
    this.tokens.setRate(limits.tokensPerMinute);
    this.pump();
  }

  /** Holds everyone back for `ms` (the endpoint said Retry-After). */
  pause(ms: number) {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  get stats() {
    return { active: this.active, waiting: this.queue.length };
  }

  /** Waits for a slot; `tokens` is the estimated size of the request. */
  acquire(tokens: number, signal?: AbortSignal): Promise<Permit> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.queue.length === 0 && this.canStart(tokens) === 0) return Promise.resolve(this.start(tokens));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { tokens, resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          this.queue = this.queue.filter((w) => w !== waiter);
          reject(abortReason(signal));
          this.pump();
        };
        signal.addEventListener("abort", waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      this.pump();
    });
  }

  /** 0 when a request of `tokens` may start now, else how long until it may (Infinity: wait for a release). */
  private canStart(tokens: number): number {
    if (this.active >= this.limits.concurrency) return Infinity;
    return Math.max(0, this.pausedUntil - this.now(), this.requests.waitMs(1), this.tokens.waitMs(tokens));
  }

  private start(estimated: number): Permit {
    this.active++;
    this.requests.take(1);
    this.tokens.take(estimated);
    let released = false;
    return {
      release: (actualTokens?: number) => {
        if (released) return;
        released = true;
        this.active--;
        if (actualTokens !== undefined) this.tokens.take(actualTokens - estimated);
        this.pump();
      },
    };
  }

  private pump() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.queue.length) {
      const head = this.queue[0];
      const wait = this.canStart(head.tokens);
      if (wait === Infinity) return;
      if (wait > 0) {
        this.timer = setTimeout(() => this.pump(), Math.ceil(wait));
        return;
      }
      this.queue.shift();
      if (head.onAbort) head.signal?.removeEventListener("abort", head.onAbort);
      head.resolve(this.start(head.tokens));
    }
  }
}

const shared = new Map<string, Limiter>();

/** One limiter per endpoint, model and role in the whole process, however many gateways there are. */
export function sharedLimiter(key: string, limits: RateLimits): Limiter {
  let limiter = shared.get(key);
  if (!limiter) shared.set(key, (limiter = new Limiter(limits)));
  else limiter.configure(limits);
  return limiter;
}
