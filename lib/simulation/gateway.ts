import type { z } from "zod";

// The part of the LLM gateway (lib/llm) that simulation uses, written against
// the gateway's contract; the real gateway satisfies it structurally and
// tests can hand in a small fake. Roles: agent (chat), user and tool
// (structured).

export type SimRole = "agent" | "user" | "tool";

export type SimToolCall = { id: string; name: string; arguments: unknown; rawArguments?: string; argumentsError?: string; sourceId?: string | null };

export type SimMessage =
  | { role: "system" | "user"; content: string }
  | { role: "assistant"; content: string | null; toolCalls?: { id: string; name: string; arguments: unknown }[] }
  | { role: "tool"; content: string; toolCallId: string; name?: string };

export type SimFunction = { name: string; description: string; parameters: Record<string, unknown> };

export type CallContext = { runId?: string; trajectoryId?: string; seed?: number; signal?: AbortSignal; cache?: boolean };

type Accounting = {
  usage: { promptTokens: number; completionTokens: number };
  latencyMs: number;
  costUsd: number;
  model: string;
  provider: string;
  cached: boolean;
};

export type ChatResult = Accounting & {
  text: string | null;
  reasoning: string | null;
  toolCalls: SimToolCall[];
  finishReason: string | null;
  /** the reply's text as sent, when tool calls were read out of it */
  rawText?: string | null;
};

export type StructuredResult<T> = Accounting & { value: T };

export type SimulationGateway = {
  chat(
    role: "agent",
    request: { messages: SimMessage[]; tools?: SimFunction[]; toolChoice?: "auto" | "none" | "required"; temperature?: number; maxTokens?: number },
    ctx: CallContext,
  ): Promise<ChatResult>;
  structured<S extends z.ZodType>(
    role: "user" | "tool",
    request: { messages: SimMessage[]; schema: S; name: string; temperature?: number },
    ctx: CallContext,
  ): Promise<StructuredResult<z.infer<S>>>;
  info(role: SimRole): { provider: string; model: string } | Promise<{ provider: string; model: string }>;
};

/** The accounting fields of a step, from a gateway result. */
export function stepAccounting(r: Accounting) {
  return {
    promptTokens: r.usage.promptTokens,
    completionTokens: r.usage.completionTokens,
    latencyMs: Math.round(r.latencyMs),
    costUsd: r.costUsd,
  };
}
