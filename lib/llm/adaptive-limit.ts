// AIMD for an endpoint's concurrency: start at the configured limit, halve it
// on 429s, cut it a little when latency climbs well above the endpoint's
// baseline, and give back one slot per `limit` successful requests, never
// above the configured limit. Pure, so every worker applies it alike to the
// shared row under its lock.

export type AimdState = {
  configuredLimit: number;
  currentLimit: number;
  /** The endpoint's usual latency for a successful request; null until one was seen. */
  baselineLatencyMs: number | null;
  lastDecreaseAt: Date | null;
};

/** What one worker saw since it last reported. */
export type Observations = { attempts: number; successes: number; latencyMsTotal: number; rateLimited: number; serverErrors: number };

export const NO_OBSERVATIONS: Observations = { attempts: 0, successes: 0, latencyMsTotal: 0, rateLimited: 0, serverErrors: 0 };

export const AIMD = {
  /** One decrease per this long: a burst of 429s answering one overload halves the limit once, not to 1. */
  decreaseGapMs: 2_000,
  rateLimitFactor: 0.5,
  latencyFactor: 0.9,
  /**
   * Latency counts as climbing past this multiple of the baseline and at least `latencySlackMs` above it,
   * over at least `latencySamples` answers: a model's replies vary in length, and a busy worker's clock adds its own delay.
   */
  latencyRatio: 2,
  latencySlackMs: 2_000,
  latencySamples: 4,
  /** How far the baseline follows a higher mean each report, so a model that is simply slower stops being cut. */
  baselineDrift: 0.1,
};

export function adapt(state: AimdState, seen: Observations, now: Date): AimdState {
  const mean = seen.successes ? seen.latencyMsTotal / seen.successes : null;
  const baseline = state.baselineLatencyMs;
  const mayDecrease = !state.lastDecreaseAt || now.getTime() - state.lastDecreaseAt.getTime() >= AIMD.decreaseGapMs;
  const slow =
    mean !== null &&
    baseline !== null &&
    seen.successes >= AIMD.latencySamples &&
    mean > Math.max(baseline * AIMD.latencyRatio, baseline + AIMD.latencySlackMs);
  const nextBaseline = mean === null ? baseline : baseline === null || mean < baseline ? mean : baseline + (mean - baseline) * AIMD.baselineDrift;
  const base = { ...state, baselineLatencyMs: nextBaseline };
  const cap = (limit: number) => Math.min(state.configuredLimit, Math.max(1, limit));

  if (seen.rateLimited > 0 || slow) {
    if (!mayDecrease) return base;
    const factor = seen.rateLimited > 0 ? AIMD.rateLimitFactor : AIMD.latencyFactor;
    return { ...base, currentLimit: cap(state.currentLimit * factor), lastDecreaseAt: now };
  }
  return { ...base, currentLimit: cap(state.currentLimit + seen.successes / Math.max(1, state.currentLimit)) };
}

/** Counts that halve every five minutes: "recent" 429 and 5xx rates without keeping every request. */
export const RATE_HALF_LIFE_MS = 5 * 60_000;

export type RecentCounts = { requests: number; rateLimited: number; serverErrors: number; countedAt: Date };

export function decayCounts(counts: RecentCounts, seen: Observations, now: Date): RecentCounts {
  const factor = 0.5 ** (Math.max(0, now.getTime() - counts.countedAt.getTime()) / RATE_HALF_LIFE_MS);
  return {
    requests: counts.requests * factor + seen.attempts,
    rateLimited: counts.rateLimited * factor + seen.rateLimited,
    serverErrors: counts.serverErrors * factor + seen.serverErrors,
    countedAt: now,
  };
}

/**
 * Max-min fair split of `limit` slots among holders by their demand, a slot
 * at a time; ties go to the holder with fewer slots now, so at a limit of 1
 * two busy workers take turns instead of one starving the other.
 */
export function fairShares(limit: number, holders: { holder: string; demand: number; held: number }[]): Map<string, number> {
  const order = [...holders].sort((a, b) => a.held - b.held || a.holder.localeCompare(b.holder));
  const shares = new Map(order.map((h) => [h.holder, 0]));
  let left = limit;
  while (left > 0) {
    let gave = false;
    for (const h of order) {
      if (left === 0) break;
      const share = shares.get(h.holder)!;
      if (share >= h.demand) continue;
      shares.set(h.holder, share + 1);
      left--;
      gave = true;
    }
    if (!gave) break;
  }
  return shares;
}
