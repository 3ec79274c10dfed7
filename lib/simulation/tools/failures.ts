import { createRng } from "../prng";
import type { SimTool } from "./types";

// Controlled stochasticity: at a run's failure rate, a tool call gets an
// injected failure. The draw depends only on the episode's seed and the
// call's ordinal, so the same episode injects the same failures on rerun,
// on resume and in any order of concurrent episodes.

export const INJECTED_KINDS = ["error", "partial", "edge_case"] as const;
export type InjectedKind = (typeof INJECTED_KINDS)[number];

export function drawInjection(seed: number, callIndex: number, rate: number): InjectedKind | null {
  if (rate <= 0) return null;
  const rng = createRng(seed, "inject", callIndex);
  if (rng.next() >= rate) return null;
  return rng.pick(INJECTED_KINDS);
}

const GENERIC_ERRORS = [
  { code: "SERVICE_UNAVAILABLE", description: "The service is temporarily unavailable (503). Try again later." },
  { code: "RATE_LIMITED", description: "Too many requests (429): the rate limit was exceeded. Retry after 30 seconds." },
  { code: "TIMEOUT", description: "The upstream request timed out after 30 s." },
  { code: "INTERNAL_ERROR", description: "An unexpected internal error occurred while processing the request." },
];

/** The error an injected "error" returns: one of the tool's own error cases when it has any. */
export function injectedError(tool: SimTool, seed: number, callIndex: number): string {
  const rng = createRng(seed, "inject-error", callIndex);
  const cases = tool.errorCases?.length ? tool.errorCases : GENERIC_ERRORS;
  const chosen = rng.pick(cases);
  return JSON.stringify({ error: { code: chosen.code, message: chosen.description } });
}

/** What the tool simulator is asked for when a partial result or an edge case is injected. */
export const INJECTION_INSTRUCTIONS: Record<Exclude<InjectedKind, "error">, string> = {
  partial:
    "This call returns a PARTIAL result: the backend answered only in part (a page of results, some fields missing, a truncated list). Return fewer items and omit optional fields, still valid against the output schema.",
  edge_case:
    "This call hits an EDGE CASE: an empty result set, a zero or boundary value, an unusual but valid state. Return that, still valid against the output schema.",
};

type Schema = { type?: unknown; properties?: Record<string, Schema>; required?: string[]; items?: Schema; minItems?: number };

/**
 * Makes a result partial or an edge case deterministically, so the effect
 * shows even when the simulator (the offline provider, say) ignored the
 * instruction. Only changes the output schema allows: optional fields
 * dropped, arrays shortened to their minimum.
 */
export function reshapeInjected(kind: Exclude<InjectedKind, "error">, value: unknown, schema: Schema | null | undefined): unknown {
  if (Array.isArray(value)) {
    const min = schema?.minItems ?? 0;
    const keep = kind === "edge_case" ? min : Math.max(min, Math.ceil(value.length / 2));
    return value.slice(0, Math.min(keep, value.length)).map((v) => reshapeInjected(kind, v, schema?.items));
  }
  if (value && typeof value === "object") {
    const required = new Set(schema?.required ?? []);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // a partial result drops optional fields; an edge case keeps them and empties the lists
      if (kind === "partial" && schema?.properties && !required.has(k)) continue;
      out[k] = reshapeInjected(kind, v, schema?.properties?.[k]);
    }
    return out;
  }
  return value;
}
