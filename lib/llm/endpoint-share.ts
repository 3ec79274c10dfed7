import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "../db/client";
import { NO_OBSERVATIONS, type Observations } from "./adaptive-limit";
import { renewLease } from "./endpoint-lease";
import { errorMessage } from "./errors";
import { Limiter, type Permit, type RateLimits } from "./limiter";
import { SharedRateBucket } from "./rate-bucket";

// This process's share of an endpoint's limits. Calls queue on a local
// limiter whose concurrency is the number of slots PostgreSQL granted this
// process, so a call costs no database round trip; the lease is renewed in the
// background (and at once when calls wait for slots it does not have), taking
// along what the calls saw (successes, latency, 429s, 5xx) for the shared AIMD.
// Requests and tokens per minute, where set, are drawn from the endpoint's one
// bucket in PostgreSQL (rate-bucket.ts) before a call queues for a slot.

export type LeaseTiming = {
  /** A lease not renewed this long lapses: the slots of a killed worker come back after it. */
  ttlMs: number;
  /** How often a busy process renews (and reports what it saw). */
  renewMs: number;
};

export const DEFAULT_LEASE_TIMING: LeaseTiming = { ttlMs: 10_000, renewMs: 1_000 };

/** What one attempt came to: the endpoint's latency when it answered, its HTTP status when it refused. */
export type AttemptOutcome = { ok: true; latencyMs: number } | { ok: false; status?: number };

/** What the gateway needs of a limit: a slot, a pause after a 429, and every attempt's outcome. */
export type CallLimits = {
  acquire(tokens: number, signal?: AbortSignal): Promise<Permit>;
  pause(ms: number): void;
  observe(outcome: AttemptOutcome): void;
};

/** Renewals without a call before an idle process gives its slots back. */
const IDLE_RENEWALS = 10;

/** Readable, so a lease in the database says whose it is; a share of its own per database client in the process. */
const PROCESS = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
let shareCount = 0;

export type EndpointKey = { id: string; baseUrl: string };

export class EndpointShare implements CallLimits {
  private readonly limiter: Limiter;
  private seen: Observations = { ...NO_OBSERVATIONS };
  private slots = 0;
  private peakDemand = 0;
  private validUntil = 0;
  private renewing: Promise<void> | null = null;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastRenewal = -Infinity;
  private lastUsed = 0;
  /** Calls were in flight beyond the share the last renewal granted. */
  private shrinking = false;
  private readonly holder = `${PROCESS}:${++shareCount}`;
  private failing = false;
  private readonly bucket: SharedRateBucket;

  constructor(
    private readonly db: Db,
    private readonly endpoint: EndpointKey,
    private limits: RateLimits,
    private timing: LeaseTiming,
  ) {
    this.limiter = new Limiter({ concurrency: 0, requestsPerMinute: 0, tokensPerMinute: 0 });
    this.bucket = new SharedRateBucket(db, endpoint, limits);
  }

  configure(limits: RateLimits, timing: LeaseTiming) {
    this.limits = limits;
    this.timing = timing;
    this.bucket.configure(limits);
    this.applyGrant();
  }

  acquire(tokens: number, signal?: AbortSignal): Promise<Permit> {
    if (!this.bucket.limited) return this.acquireSlot(tokens, signal);
    return this.bucket.take(tokens, signal).then(() =>
      this.acquireSlot(tokens, signal).then((permit) => ({
        release: (actualTokens?: number) => {
          if (actualTokens !== undefined) this.bucket.charge(actualTokens - tokens);
          permit.release(actualTokens);
        },
      })),
    );
  }

  private acquireSlot(tokens: number, signal?: AbortSignal): Promise<Permit> {
    const { active, waiting } = this.limiter.stats;
    this.lastUsed = performance.now();
    this.peakDemand = Math.max(this.peakDemand, active + waiting + 1);
    if (active + waiting >= this.slots) this.kick();
    else this.scheduleRenewal();
    return this.limiter.acquire(tokens, signal).then((permit) => ({
      release: (actualTokens?: number) => {
        permit.release(actualTokens);
        // The database still counts the calls beyond a smaller share; once they are done, say so, for the worker waiting for them.
        if (this.shrinking && this.limiter.stats.active <= this.slots) {
          this.shrinking = false;
          this.kick();
        }
      },
    }));
  }

  pause(ms: number) {
    this.limiter.pause(ms);
  }

  observe(outcome: AttemptOutcome) {
    const s = this.seen;
    s.attempts++;
    if (outcome.ok) {
      s.successes++;
      s.latencyMsTotal += outcome.latencyMs;
    } else if (outcome.status === 429) {
      s.rateLimited++;
      this.kick(); // let the other workers hear of it soon
    } else if (outcome.status !== undefined && outcome.status >= 500) s.serverErrors++;
  }

  /** Renews now, or as soon as the last renewal is a quarter interval old (a starved process must not hammer the database). */
  private kick() {
    if (this.renewing) {
      this.again = true;
      return;
    }
    const wait = this.lastRenewal + this.timing.renewMs / 4 - performance.now();
    if (wait <= 0) return void this.renew();
    this.setTimer(wait);
  }

  private scheduleRenewal() {
    if (!this.renewing && !this.timer) this.setTimer(this.timing.renewMs);
  }

  private setTimer(ms: number) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.renew();
    }, ms);
    this.timer.unref?.();
  }

  private renew(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.lastRenewal = performance.now();
    const { active, waiting } = this.limiter.stats;
    const demand = Math.max(this.peakDemand, active + waiting);
    this.peakDemand = active + waiting;
    // An idle process keeps its slots a while (the next call needs no round trip), then gives them back.
    const release = demand === 0 && performance.now() - this.lastUsed > this.timing.renewMs * IDLE_RENEWALS;
    const seen = this.seen;
    this.seen = { ...NO_OBSERVATIONS };
    const requested = performance.now();
    this.renewing = renewLease(this.db, {
      endpointId: this.endpoint.id,
      baseUrl: this.endpoint.baseUrl,
      holder: this.holder,
      demand,
      active,
      release,
      configured: this.limits.concurrency,
      ttlMs: this.timing.ttlMs,
      seen,
    })
      .then((grant) => {
        this.failing = false;
        this.slots = grant.slots;
        this.shrinking = active > grant.slots;
        this.validUntil = requested + this.timing.ttlMs;
      })
      .catch((e: unknown) => {
        // What was seen is reported with the next renewal instead.
        this.seen = merge(this.seen, seen);
        // Said once, and only while calls depend on it (an idle share's renewal failing matters to nobody).
        if (!this.failing && demand > 0) console.error(`[llm] could not renew the lease on ${this.endpoint.baseUrl}'s limit: ${errorMessage(e)}`);
        this.failing ||= demand > 0;
        // Past the lease's expiry the slots may be someone else's.
        if (performance.now() >= this.validUntil) this.slots = 0;
      })
      .finally(() => {
        this.renewing = null;
        this.applyGrant();
        const { active: nowActive, waiting: nowWaiting } = this.limiter.stats;
        const busy = nowActive + nowWaiting > 0 || this.slots > 0;
        if (this.again) {
          this.again = false;
          this.kick();
        } else if (busy) this.setTimer(this.timing.renewMs);
      });
    return this.renewing;
  }

  /** The local limiter gets this process's slots; the rates are the shared bucket's. */
  private applyGrant() {
    // A limit lowered in this process applies at once, before the next renewal.
    this.limiter.configure({ concurrency: Math.min(this.slots, this.limits.concurrency), requestsPerMinute: 0, tokensPerMinute: 0 });
  }
}

function merge(a: Observations, b: Observations): Observations {
  return {
    attempts: a.attempts + b.attempts,
    successes: a.successes + b.successes,
    latencyMsTotal: a.latencyMsTotal + b.latencyMsTotal,
    rateLimited: a.rateLimited + b.rateLimited,
    serverErrors: a.serverErrors + b.serverErrors,
  };
}

const shares = new WeakMap<Db, Map<string, EndpointShare>>();

/** One share per endpoint and database in the whole process, however many gateways and roles use it. */
export function endpointShare(db: Db, endpoint: EndpointKey, limits: RateLimits, timing: LeaseTiming = DEFAULT_LEASE_TIMING): EndpointShare {
  let byEndpoint = shares.get(db);
  if (!byEndpoint) shares.set(db, (byEndpoint = new Map()));
  let share = byEndpoint.get(endpoint.id);
  if (!share) byEndpoint.set(endpoint.id, (share = new EndpointShare(db, endpoint, limits, timing)));
  else share.configure(limits, timing);
  return share;
}
