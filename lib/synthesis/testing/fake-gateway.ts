import { createHash } from "node:crypto";
import type { z } from "zod";
import type { CallContext } from "../../llm/types";
import type { ChatMessage, SynthesisGateway, SynthesisResult } from "../gateway";
import { createRng, pickOne, randInt, type Rng } from "../random";
import { NOUNS } from "./nouns";

// A small stand-in for the LLM gateway in tests: deterministic per seed, it
// fills the synthesis schemas from the prompt and validates with the caller's
// zod schema as the real gateway does. `override` lets a test put words in
// its mouth (an invalid reply, a rubric naming a foreign tool, …).

const VERBS = [
  "get",
  "list",
  "create",
  "update",
  "delete",
  "search",
  "schedule",
  "cancel",
  "export",
  "validate",
  "estimate",
  "sync",
  "archive",
  "approve",
  "track",
  "summarize",
];

type Override = (name: string, value: unknown, messages: ChatMessage[]) => unknown;

export type FakeGateway = SynthesisGateway & { calls: number; embedCalls: number; inFlight: number; maxInFlight: number };

/** The subject the prompt opens with: its first user line, up to the dash. */
function subject(messages: ChatMessage[]): string {
  const user = messages.find((m) => m.role === "user")?.content ?? "";
  return user.split("\n")[0].split(" — ")[0].trim() || "general";
}

function toolsFor(rng: Rng, messages: ChatMessage[], count: number) {
  const domain = subject(messages);
  return Array.from({ length: count }, () => {
    const verb = pickOne(rng, VERBS);
    const noun = pickOne(rng, NOUNS);
    const n = randInt(rng, 1, 4);
    return {
      toolName: `${verb}_${noun}${rng() < 0.5 ? "s" : ""}_${randInt(rng, 1, 999)}`,
      description: `${verb[0].toUpperCase()}${verb.slice(1)} ${noun} records for ${domain}, returning the matching ${noun} details.`,
      parameters: Array.from({ length: n }, (_, i) => ({
        name: `${noun}_${["id", "date", "status", "limit"][i]}`,
        type: i === 3 ? ("integer" as const) : ("string" as const),
        description: `The ${noun}'s ${["identifier", "date (YYYY-MM-DD)", "status", "maximum number of results"][i]}.`,
        required: i === 0,
        itemsType: null,
      })),
      output: [{ name: noun, type: "object" as const, description: `The ${noun} found.` }],
      errorCases: [{ code: "NOT_FOUND", description: `No ${noun} matches the given identifier.` }],
    };
  });
}

function fill(name: string, rng: Rng, messages: ChatMessage[]): unknown {
  const ask = messages[messages.length - 1]?.content ?? "";
  switch (name) {
    case "application_domains": {
      const category = subject(messages);
      const count = Number(ask.match(/List (\d+)/)?.[1] ?? 3);
      return {
        domains: Array.from({ length: count }, (_, i) => ({
          name: `${category} for ${pickOne(rng, ["retail", "logistics", "health", "finance", "travel", "energy"])} ${i + 1}`,
          description: `How ${category} serves this sector.`,
        })),
      };
    }
    case "tools":
      return { tools: toolsFor(rng, messages, Number(ask.match(/Invent (\d+)/)?.[1] ?? 3)) };
    case "agent_profile": {
      const area = ask.match(/- ([^:\n]+)/)?.[1] ?? "operations";
      const id = randInt(rng, 1, 1_000_000);
      return {
        name: `${area} assistant ${id}`,
        domain: area,
        description: `Helps customers of firm ${id} with ${area}, working case number ${randInt(rng, 1, 1e6)} and ticket ${randInt(rng, 1, 1e6)}.`,
        policies: [`Confirm the account ${id} before changing anything.`, `Never share data of another customer than ${randInt(rng, 1, 1e6)}.`],
        tone: pickOne(rng, ["friendly and concise", "formal", "calm and precise"]),
      };
    }
    case "task":
      return {
        goal: `Get case ${randInt(rng, 1, 99999)} resolved.`,
        instruction: `Please help me with case ${randInt(rng, 1, 99999)}.`,
        persona: {
          name: pickOne(rng, ["Ana", "Bo", "Chen", "Dara"]),
          background: "A customer of the service.",
          tone: "direct",
          expertise: pickOne(rng, ["novice", "intermediate", "expert"] as const),
          patience: pickOne(rng, ["low", "medium", "high"] as const),
          language: "English",
          knows: ["their account number"],
          revealsGradually: ["the date of the problem"],
        },
        successCriteria: [{ description: "The user's case is resolved.", weight: 3 }],
        checkpoints: ["Identifies the case."],
      };
    default:
      throw new Error(`fake gateway: no filler for ${name}`);
  }
}

/** Hashed bag of words, unit length: similar texts get similar vectors. */
export function fakeEmbedding(text: string, dims = 64): number[] {
  const v = new Array<number>(dims).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    v[createHash("md5").update(word).digest().readUInt32BE(0) % dims] += 1;
  }
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

export function createFakeGateway(opts: { override?: Override; latencyMs?: number; failOn?: (name: string, seed: number) => boolean } = {}): FakeGateway {
  const gw: FakeGateway = {
    calls: 0,
    embedCalls: 0,
    inFlight: 0,
    maxInFlight: 0,
    async structured<S extends z.ZodType>(
      _role: "generator",
      req: { messages: ChatMessage[]; schema: S; name: string },
      ctx: CallContext,
    ): Promise<SynthesisResult<z.infer<S>>> {
      gw.calls++;
      gw.inFlight++;
      gw.maxInFlight = Math.max(gw.maxInFlight, gw.inFlight);
      try {
        if (opts.latencyMs) await new Promise((r) => setTimeout(r, opts.latencyMs));
        if (ctx.signal?.aborted) throw new Error("aborted");
        if (opts.failOn?.(req.name, ctx.seed ?? 0)) throw new Error(`fake gateway: ${req.name} failed`);
        let value = fill(req.name, createRng(ctx.seed ?? 0), req.messages);
        if (opts.override) value = opts.override(req.name, value, req.messages);
        return {
          value: req.schema.parse(value),
          model: "fake-model",
          provider: "fake",
          usage: { promptTokens: 10, completionTokens: 10 },
          costUsd: 0,
          cached: false,
        };
      } finally {
        gw.inFlight--;
      }
    },
    async embed(texts: string[]) {
      gw.embedCalls++;
      return texts.map((t) => fakeEmbedding(t));
    },
  };
  return gw;
}
