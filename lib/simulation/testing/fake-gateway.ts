import { z } from "zod";
import type { SimChatResult, SimMessage, SimStructuredResult, SimulationGateway } from "../gateway";

// A scriptable stand-in for the LLM gateway in simulation's unit tests: it
// records every request, answers chat calls from a script, and fills
// structured schemas with a minimal valid value (or a scripted one).

type ChatReply = Partial<Omit<SimChatResult, "usage">> & { usage?: SimChatResult["usage"] };
type ChatRequest = Parameters<SimulationGateway["chat"]>[1];

export type FakeGateway = SimulationGateway & {
  requests: { role: string; messages: SimMessage[]; name?: string; tools?: unknown[] }[];
};

const accounting = { usage: { promptTokens: 10, completionTokens: 5 }, latencyMs: 3, costUsd: 0.0001, model: "fake-model", provider: "fake", cached: false };

/** A minimal value that satisfies a JSON Schema. */
export function fillSchema(schema: Record<string, unknown>): unknown {
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (schema.const !== undefined) return schema.const;
  for (const key of ["anyOf", "oneOf"]) if (Array.isArray(schema[key])) return fillSchema((schema[key] as Record<string, unknown>[])[0]);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "object": {
      const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
      return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, fillSchema(v)]));
    }
    case "array":
      return [fillSchema((schema.items ?? {}) as Record<string, unknown>), fillSchema((schema.items ?? {}) as Record<string, unknown>)];
    case "integer":
    case "number":
      return typeof schema.minimum === "number" ? schema.minimum : 1;
    case "boolean":
      return true;
    case "null":
      return null;
    default:
      return "text";
  }
}

export function createFakeGateway(
  script: {
    chat?: (req: ChatRequest, callIndex: number) => ChatReply;
    structured?: (role: "user" | "tool", name: string, messages: SimMessage[], filled: unknown) => unknown;
  } = {},
): FakeGateway {
  const requests: FakeGateway["requests"] = [];
  let chats = 0;
  return {
    requests,
    async chat(role, req) {
      requests.push({ role, messages: req.messages, tools: req.tools });
      const reply = script.chat?.(req, chats++) ?? { text: "Done." };
      return { text: null, reasoning: null, toolCalls: [], finishReason: "stop", ...accounting, ...reply } as SimChatResult;
    },
    async structured(role, req) {
      requests.push({ role, messages: req.messages, name: req.name });
      const filled = fillSchema(z.toJSONSchema(req.schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>);
      const value = req.schema.parse(script.structured ? script.structured(role, req.name, req.messages, filled) : filled);
      return { value, ...accounting } as SimStructuredResult<typeof value>;
    },
    info: () => ({ provider: "fake", model: "fake-model" }),
  };
}

/** The same gateway, answering each call after `ms` (an endpoint's latency). */
export function withLatency<G extends SimulationGateway>(gateway: G, ms: number): G {
  const wait = () => new Promise((r) => setTimeout(r, ms));
  return {
    ...gateway,
    chat: async (role, req, ctx) => (await wait(), gateway.chat(role, req, ctx)),
    structured: async (role, req, ctx) => (await wait(), gateway.structured(role, req, ctx)),
  } as G;
}
