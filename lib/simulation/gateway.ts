import type { z } from "zod";
import type { CallContext, ChatResult, StructuredResult, ToolCall } from "../llm/types";

// The part of the LLM gateway (lib/llm) that simulation uses, written against
// the gateway's contract; the real gateway satisfies it structurally and
// tests can hand in a small fake. Roles: agent (chat), user and tool
// (structured).

export type SimRole = "agent" | "user" | "tool";

/** A tool call as the gateway returns it; a test gateway may leave out the raw arguments. */
export type SimToolCall = Omit<ToolCall, "rawArguments"> & { rawArguments?: string };

export type SimMessage =
  | { role: "system" | "user"; content: string }
  | { role: "assistant"; content: string | null; toolCalls?: { id: string; name: string; arguments: unknown }[] }
  | { role: "tool"; content: string; toolCallId: string; name?: string };

export type SimFunction = { name: string; description: string; parameters: Record<string, unknown> };

// What simulation reads of the gateway's results (a test gateway may name any provider).
type Accounting = Pick<ChatResult, "usage" | "latencyMs" | "costUsd" | "model" | "cached"> & { provider: string };

export type SimChatResult = Omit<ChatResult, "provider" | "toolCalls"> & { provider: string; toolCalls: SimToolCall[] };

export type SimStructuredResult<T> = Pick<StructuredResult<T>, "value"> & Accounting;

export type SimulationGateway = {
  chat(
    role: "agent",
    request: { messages: SimMessage[]; tools?: SimFunction[]; toolChoice?: "auto" | "none" | "required"; temperature?: number; maxTokens?: number },
    ctx: CallContext,
  ): Promise<SimChatResult>;
  structured<S extends z.ZodType>(
    role: "user" | "tool",
    request: { messages: SimMessage[]; schema: S; name: string; temperature?: number },
    ctx: CallContext,
  ): Promise<SimStructuredResult<z.infer<S>>>;
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
