import { sleep } from "./sleep";

const GATEWAY_DOWN = new Set([502, 503, 504]);

/** How an endpoint that went away is probed until it answers again. */
export type ProbeBackoff = { firstMs: number; maxMs: number; timeoutMs: number };
export const DEFAULT_PROBE_BACKOFF: ProbeBackoff = { firstMs: 1_000, maxMs: 60_000, timeoutMs: 5_000 };

/**
 * Whether anything answers at `endpoint` (a base URL without credentials):
 * any HTTP reply to GET <endpoint>/models counts, even a 401 or a 404, but a
 * gateway's 502/503/504 does not. Sends no key: it asks only "are you there".
 */
export async function endpointAnswers(endpoint: string, signal: AbortSignal, timeoutMs = DEFAULT_PROBE_BACKOFF.timeoutMs): Promise<boolean> {
  try {
    const res = await fetch(`${endpoint.replace(/\/$/, "")}/models`, { signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) });
    await res.body?.cancel();
    return !GATEWAY_DOWN.has(res.status);
  } catch (e) {
    if (signal.aborted) throw e;
    return false;
  }
}

/** Probes `endpoint` with growing, jittered waits until it answers; rejects only when `signal` aborts. */
export async function waitUntilEndpointAnswers(endpoint: string, signal: AbortSignal, backoff: Partial<ProbeBackoff> = {}): Promise<void> {
  const { firstMs, maxMs, timeoutMs } = { ...DEFAULT_PROBE_BACKOFF, ...backoff };
  for (let wait = firstMs; ; wait = Math.min(maxMs, wait * 2)) {
    await sleep(wait / 2 + (Math.random() * wait) / 2, signal);
    if (await endpointAnswers(endpoint, signal, timeoutMs)) return;
  }
}
