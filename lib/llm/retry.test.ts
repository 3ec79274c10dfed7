import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY_POLICY, isRetryable, parseRetryAfter, retryDelayMs, withRetries } from "./retry";

const httpError = (status: number, headers: Record<string, string> = {}) =>
  APIError.generate(status, { error: { message: "x" } }, undefined, new Headers(headers));

describe("retry policy", () => {
  it("reads Retry-After in seconds, as an HTTP date, and retry-after-ms", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter(new Headers({ "retry-after": "3" }), now)).toBe(3000);
    expect(parseRetryAfter(new Headers({ "retry-after": "Thu, 01 Jan 2026 00:00:07 GMT" }), now)).toBe(7000);
    expect(parseRetryAfter(new Headers({ "retry-after": "Wed, 31 Dec 2025 23:00:00 GMT" }), now)).toBe(0);
    expect(parseRetryAfter(new Headers({ "retry-after-ms": "250", "retry-after": "9" }), now)).toBe(250);
    expect(parseRetryAfter(new Headers({ "retry-after": "soon" }), now)).toBeNull();
    expect(parseRetryAfter(undefined)).toBeNull();
  });

  it("retries rate limits, server errors, timeouts and connection trouble, not refusals or aborts", () => {
    for (const status of [408, 409, 429, 500, 502, 503, 504]) expect(isRetryable(httpError(status)), String(status)).toBe(true);
    for (const status of [400, 401, 403, 404, 422]) expect(isRetryable(httpError(status)), String(status)).toBe(false);
    expect(isRetryable(httpError(400, { "x-should-retry": "true" }))).toBe(true);
    expect(isRetryable(httpError(500, { "x-should-retry": "false" }))).toBe(false);
    expect(isRetryable(new APIConnectionTimeoutError())).toBe(true);
    expect(isRetryable(new APIConnectionError({ message: "socket hang up" }))).toBe(true);
    // undici cuts a body short with TypeError("terminated") whose cause carries the socket's code
    expect(isRetryable(new TypeError("terminated", { cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }) }))).toBe(true);
    expect(isRetryable(new TypeError("terminated"))).toBe(false); // told by code, never by message
    expect(isRetryable(new SyntaxError("Unexpected end of JSON input"))).toBe(true);
    expect(isRetryable(new APIUserAbortError())).toBe(false);
    expect(isRetryable(new Error("bug"))).toBe(false);
  });

  it("backs off exponentially with jitter, and takes the server's word when it gives one", () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(retryDelayMs(httpError(500), 0, policy, () => 0)).toBe(50);
    expect(retryDelayMs(httpError(500), 0, policy, () => 1)).toBe(100);
    expect(retryDelayMs(httpError(500), 3, policy, () => 0.5)).toBe(600);
    expect(retryDelayMs(httpError(500), 10, policy, () => 1)).toBe(1000);
    expect(retryDelayMs(httpError(429, { "retry-after": "2" }), 0, policy, () => 0)).toBe(2000);
    // jitter on the server's word: up to a fifth more, at most a second
    expect(retryDelayMs(httpError(429, { "retry-after": "2" }), 0, policy, () => 1)).toBe(2400);
    expect(retryDelayMs(httpError(429, { "retry-after": "99999" }), 0, { ...policy, maxRetryAfterMs: 5000 }, () => 0)).toBe(5000);
    // a single wait is capped at a minute by default
    expect(retryDelayMs(httpError(429, { "retry-after": "3600" }), 0, DEFAULT_RETRY_POLICY, () => 0)).toBe(60_000);
  });

  it("tries again until success, and gives up at once on an error not worth retrying", async () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1, maxDelayMs: 2 };
    let calls = 0;
    await expect(withRetries(async () => (++calls < 3 ? Promise.reject(httpError(503)) : "ok"), policy)).resolves.toBe("ok");
    expect(calls).toBe(3);
    calls = 0;
    await expect(withRetries(async () => (calls++, Promise.reject(httpError(401))), policy)).rejects.toMatchObject({ status: 401 });
    expect(calls).toBe(1);
    calls = 0;
    await expect(withRetries(async () => (calls++, Promise.reject(httpError(500))), { ...policy, maxRetries: 2 })).rejects.toMatchObject({ status: 500 });
    expect(calls).toBe(3);
  });

  it("fails with the last error rather than start a wait that would pass the total budget", async () => {
    let calls = 0;
    const policy = { ...DEFAULT_RETRY_POLICY, maxRetries: 10, maxTotalMs: 1_500 };
    const started = Date.now();
    await expect(withRetries(async () => (calls++, Promise.reject(httpError(429, { "retry-after": "1" }))), policy)).rejects.toMatchObject({ status: 429 });
    expect(calls).toBe(2); // the second wait of a second would end past 1.5 s
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});
