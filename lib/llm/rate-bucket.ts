import type { Db } from "../db/client";
import { abortReason, errorMessage } from "./errors";
import { sleep } from "./sleep";

// An endpoint's requests and tokens per minute, as providers count them: per
// key, whichever process sends. One token bucket per endpoint in PostgreSQL
// (EndpointBucket), refilled by the database's clock, holding a second's worth
// like the local limiter's. A process draws for the calls it has waiting, all
// at once, in one short transaction under the row's lock; calls that do not
// fit wait until the refill covers the first of them. Only endpoints with a
// rate limit pay the round trip, once per draw, not per call.

export type Rates = {
  /** 0 means no limit. */
  requestsPerMinute: number;
  tokensPerMinute: number;
};

export type BucketLevels = { requests: number | null; tokens: number | null; refilledAt: Date | null };

export type Draw = {
  /** How many of the waiting calls (from the first) may go. */
  granted: number;
  /** When some may not: how long until the first of them may. */
  waitMs: number;
  levels: BucketLevels;
};

const capacity = (perMinute: number) => Math.max(1, perMinute / 60);

/**
 * The bucket after the calls needing `needs` tokens (in order) draw from it:
 * refilled since `refilledAt`, less the `debt` (tokens replies used beyond
 * their estimates). A call needing more tokens than the bucket holds goes
 * once it is full, leaving a debt. Pure: the database row is its only state.
 */
export function drawFromBucket(levels: BucketLevels, rates: Rates, needs: number[], debt: number, now: Date): Draw {
  const elapsedMin = levels.refilledAt ? Math.max(0, now.getTime() - levels.refilledAt.getTime()) / 60_000 : Infinity;
  const refill = (level: number | null, perMinute: number) => {
    const cap = capacity(perMinute);
    return level === null ? cap : Math.min(cap, level + perMinute * elapsedMin);
  };
  const { requestsPerMinute: rpm, tokensPerMinute: tpm } = rates;
  let requests = rpm > 0 ? refill(levels.requests, rpm) : 0;
  let tokens = tpm > 0 ? refill(levels.tokens, tpm) - debt : 0;
  let granted = 0;
  let waitMs = 0;
  for (const need of needs) {
    const tokensNeeded = Math.min(need, capacity(tpm));
    const requestsShort = rpm > 0 ? 1 - requests : 0;
    const tokensShort = tpm > 0 ? tokensNeeded - tokens : 0;
    if (requestsShort > 1e-9 || tokensShort > 1e-9) {
      waitMs = Math.max(requestsShort > 0 ? (requestsShort * 60_000) / rpm : 0, tokensShort > 0 ? (tokensShort * 60_000) / tpm : 0);
      break;
    }
    requests -= 1;
    tokens -= need;
    granted++;
  }
  return { granted, waitMs, levels: { requests: rpm > 0 ? requests : null, tokens: tpm > 0 ? tokens : null, refilledAt: now } };
}

/** Draws from the endpoint's shared bucket for calls needing `needs` tokens each (see drawFromBucket). */
export async function drawShared(db: Db, endpointId: string, rates: Rates, needs: number[], debt: number): Promise<Draw> {
  return db.$transaction(async (tx) => {
    // The upsert locks the row: draws of one endpoint take turns, so together they never take more than the bucket held.
    const [row] = await tx.$queryRaw<(BucketLevels & { now: Date })[]>`INSERT INTO "EndpointBucket" ("id", "updatedAt") VALUES (${endpointId}, now())
      ON CONFLICT ("id") DO UPDATE SET "updatedAt" = now()
      RETURNING "requests", "tokens", "refilledAt", now() AS "now"`;
    const draw = drawFromBucket(row, rates, needs, debt, row.now);
    await tx.endpointBucket.update({ where: { id: endpointId }, data: draw.levels });
    return draw;
  });
}

type Waiter = { tokens: number; resolve: () => void; reject: (e: unknown) => void; signal?: AbortSignal; onAbort?: () => void };

/** After a failed draw (the database away), the next try comes this much later. */
const RETRY_DRAW_MS = 500;

/** One process's calls to an endpoint, queued first come first served on the shared bucket. */
export class SharedRateBucket {
  private queue: Waiter[] = [];
  private debt = 0;
  private drawing = false;
  private failing = false;

  constructor(
    private readonly db: Db,
    private readonly endpoint: { id: string; baseUrl: string },
    private rates: Rates,
  ) {}

  configure(rates: Rates) {
    this.rates = rates;
  }

  get limited(): boolean {
    return this.rates.requestsPerMinute > 0 || this.rates.tokensPerMinute > 0;
  }

  /** Resolves when a request estimated at `tokens` may go within the endpoint's rates. */
  take(tokens: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (!this.limited) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { tokens, resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          this.queue = this.queue.filter((w) => w !== waiter);
          reject(abortReason(signal));
        };
        signal.addEventListener("abort", waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      void this.pump();
    });
  }

  /** A reply used `extra` tokens more than its estimate (fewer if negative): the next draw settles it. */
  charge(extra: number) {
    if (this.rates.tokensPerMinute > 0) this.debt += extra;
  }

  private async pump() {
    if (this.drawing) return;
    this.drawing = true;
    try {
      while (this.queue.length) {
        const waiting = [...this.queue];
        const debt = this.debt;
        let draw: Draw;
        try {
          draw = await drawShared(
            this.db,
            this.endpoint.id,
            this.rates,
            waiting.map((w) => w.tokens),
            debt,
          );
          this.debt -= debt;
          this.failing = false;
        } catch (e) {
          if (!this.failing) console.error(`[llm] could not draw from ${this.endpoint.baseUrl}'s rate limit: ${errorMessage(e)}`);
          this.failing = true;
          await sleep(RETRY_DRAW_MS);
          continue;
        }
        // Calls cancelled while the draw was under way give their part back through the debt.
        for (const w of waiting.slice(0, draw.granted)) {
          if (!this.queue.includes(w)) {
            this.charge(-w.tokens);
            continue;
          }
          this.queue = this.queue.filter((x) => x !== w);
          if (w.onAbort) w.signal?.removeEventListener("abort", w.onAbort);
          w.resolve();
        }
        if (draw.granted < waiting.length && this.queue.length) await sleep(Math.max(1, Math.ceil(draw.waitMs)));
      }
    } finally {
      this.drawing = false;
    }
  }
}
