import type { LlmRole } from "./types";

/** The model kept answering with output that does not fit the schema, repairs included. */
export class StructuredOutputError extends Error {
  constructor(
    readonly role: LlmRole,
    readonly schemaName: string,
    readonly attempts: number,
    readonly issues: string,
    readonly lastOutput: string | null,
  ) {
    super(`${role}: the model's "${schemaName}" output was still invalid after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${issues}`);
    this.name = "StructuredOutputError";
  }
}

/**
 * A request the endpoint refused, or that kept failing until the retries ran
 * out. `unreachable`: the last attempt got no answer at all (refused or dropped
 * connection, timeout) or a gateway's 502/503/504: the endpoint is down, not
 * the request wrong. `endpoint` is the base URL without credentials.
 */
export class LlmRequestError extends Error {
  constructor(
    readonly role: LlmRole,
    message: string,
    readonly status: number | undefined,
    readonly attempts: number,
    readonly endpoint: string,
    readonly unreachable: boolean,
  ) {
    super(message);
    this.name = "LlmRequestError";
  }
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Removes a secret from text that is about to be stored or shown. */
export function redact(text: string, secret: string | undefined): string {
  return secret && secret.length >= 4 ? text.split(secret).join("[redacted]") : text;
}

/** What a cancelled call rejects with: the signal's own reason, as fetch does. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("This operation was aborted", "AbortError");
}

/** The endpoint answered 200 with something that is not a usable completion; worth a retry. */
export class MalformedResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MalformedResponseError";
  }
}
