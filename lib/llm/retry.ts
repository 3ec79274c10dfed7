import { APIConnectionError, APIError, APIUserAbortError } from "openai";
import { MalformedResponseError } from "./errors";
import { sleep } from "./sleep";

export type RetryPolicy = {
  /** Retries after the first attempt. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is cut short (a misbehaving proxy must not park a run for a day). */
  maxRetryAfterMs: number;
  /** No retry starts past this long after the first attempt: the request fails with its last error. */
  maxTotalMs: number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 5, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 60_000, maxTotalMs: 300_000 };

const RETRYABLE_STATUS = new Set([408, 409, 429]);
const NETWORK_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);
const GATEWAY_DOWN = new Set([502, 503, 504]);

/** A socket or undici error (by its code), itself or as a cause: the body was cut short, the connection dropped. */
function isNetworkError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (NETWORK_CODES.has(code) || code.startsWith("UND_ERR_"))) return true;
  return isNetworkError((error as { cause?: unknown }).cause, depth + 1);
}

/** No answer from the endpoint at all (refused, dropped, timed out) or a gateway saying it is down: worth pausing for. */
export function isUnreachable(error: unknown): boolean {
  if (error instanceof APIUserAbortError) return false;
  if (error instanceof APIConnectionError) return true;
  if (error instanceof APIError) return error.status !== undefined && GATEWAY_DOWN.has(error.status);
  return isNetworkError(error);
}

/** Milliseconds the server asked us to wait: `retry-after-ms`, then `Retry-After` in seconds or as an HTTP date. */
export function parseRetryAfter(headers: Headers | null | undefined, now = Date.now()): number | null {
  const ms = Number(headers?.get("retry-after-ms") ?? NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get("retry-after")?.trim();
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** 429, 5xx, timeouts, dropped connections and unreadable bodies are worth another try; a refusal (4xx) is not. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof APIUserAbortError) return false;
  if (error instanceof APIConnectionError) return true;
  if (error instanceof APIError) {
    const hint = error.headers?.get("x-should-retry");
    if (hint === "true") return true;
    if (hint === "false") return false;
    return error.status !== undefined && (RETRYABLE_STATUS.has(error.status) || error.status >= 500);
  }
  if (error instanceof SyntaxError || error instanceof MalformedResponseError) return true; // a body cut short or garbled on the way
  return isNetworkError(error);
}

/** How long to wait before retry number `retry` (0-based): the server's word if it gave one, else exponential with jitter. */
export function retryDelayMs(error: unknown, retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const asked = error instanceof APIError ? parseRetryAfter(error.headers) : null;
  // up to a fifth more (at most a second), so the callers one Retry-After sent away do not come back at once
  if (asked !== null) return Math.min(asked, policy.maxRetryAfterMs) + random() * Math.min(1_000, asked / 5);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  // Half fixed, half random: spreads a crowd of callers without ever retrying at once.
  return ceiling / 2 + (random() * ceiling) / 2;
}

/**
 * How long everyone sharing the endpoint's limits should hold back after
 * `error`: a 429's Retry-After (capped), else the base delay; 0 for anything else.
 */
export function rateLimitPauseMs(error: unknown, policy: RetryPolicy): number {
  if (!(error instanceof APIError) || error.status !== 429) return 0;
  return Math.min(parseRetryAfter(error.headers) ?? policy.baseDelayMs, policy.maxRetryAfterMs);
}

export type RetryHooks = {
  signal?: AbortSignal;
  /** Called before each wait; `fromServer` says the delay came from Retry-After. */
  onRetry?: (error: unknown, delayMs: number, fromServer: boolean) => void;
};

/** Runs `attempt` until it succeeds, fails for good, or the retries run out; the last error is thrown. */
export async function withRetries<T>(attempt: (n: number) => Promise<T>, policy: RetryPolicy, hooks: RetryHooks = {}): Promise<T> {
  const started = Date.now();
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (hooks.signal?.aborted || n >= policy.maxRetries || !isRetryable(error)) throw error;
      const fromServer = error instanceof APIError && parseRetryAfter(error.headers) !== null;
      const delay = retryDelayMs(error, n, policy);
      if (Date.now() - started + delay > policy.maxTotalMs) throw error;
      hooks.onRetry?.(error, delay, fromServer);
      await sleep(delay, hooks.signal);
    }
  }
}
