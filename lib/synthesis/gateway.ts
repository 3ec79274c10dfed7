import type { z } from "zod";

// The part of the LLM gateway (lib/llm) that synthesis uses. Written against
// the gateway's contract so stages and tests depend on this much only; the
// real gateway satisfies it structurally.

export type ChatMessage = { role: "system" | "user" | "assistant"; content: string };

export type CallContext = { runId?: string; seed?: number; signal?: AbortSignal; cache?: boolean };

export type StructuredResult<T> = {
  value: T;
  model: string;
  provider: string;
  usage: { promptTokens: number; completionTokens: number };
  costUsd: number;
  cached: boolean;
};

export type SynthesisGateway = {
  structured<S extends z.ZodType>(
    role: "generator",
    request: { messages: ChatMessage[]; schema: S; name: string; temperature?: number },
    ctx: CallContext,
  ): Promise<StructuredResult<z.infer<S>>>;
  embed(texts: string[], ctx: CallContext): Promise<number[][]>;
};
