import type { z } from "zod";
import type { CallContext, StructuredResult } from "../llm/types";

// The part of the LLM gateway (lib/llm) that synthesis uses. Written against
// the gateway's contract so stages and tests depend on this much only; the
// real gateway satisfies it structurally.

export type ChatMessage = { role: "system" | "user" | "assistant"; content: string };

/** What synthesis reads of a structured result (a test gateway may name any provider). */
export type SynthesisResult<T> = Pick<StructuredResult<T>, "value" | "model" | "usage" | "costUsd" | "cached"> & { provider: string };

export type SynthesisGateway = {
  structured<S extends z.ZodType>(
    role: "generator",
    request: { messages: ChatMessage[]; schema: S; name: string; temperature?: number },
    ctx: CallContext,
  ): Promise<SynthesisResult<z.infer<S>>>;
  embed(texts: string[], ctx: CallContext): Promise<number[][]>;
};
