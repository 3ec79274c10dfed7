import type { z } from "zod";
import type { CallContext, StructuredResult } from "../llm/types";

// The part of the LLM gateway (lib/llm) the judge uses. The real gateway
// satisfies it (deps.ts checks that at compile time); tests hand in a small
// scripted one.

export type JudgeMessage = { role: "system" | "user"; content: string };

export type JudgeStructuredResult<T> = Pick<StructuredResult<T>, "value" | "model" | "provider" | "usage" | "costUsd" | "cached">;

export type JudgeGateway = {
  structured<S extends z.ZodType>(
    role: "judge",
    request: { messages: JudgeMessage[]; schema: S; name: string; temperature?: number },
    ctx: CallContext,
  ): Promise<JudgeStructuredResult<z.output<S>>>;
  info(role: "judge"): Promise<{ provider: string; model: string }>;
};
