import { z } from "zod";
import { formNumber } from "../actions/inputs";
import { llmRoleSchema } from "./types";

// What the settings page's LLM forms post; the pressed button is the intent. Numbers
// stay undefined when blank, so the schema they are saved with can say "Required".

export const roleFormSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("save"),
    role: llmRoleSchema,
    provider: z.string(),
    baseUrl: z.string().trim(),
    model: z.string(),
    temperature: formNumber,
    maxTokens: formNumber,
    concurrency: formNumber,
    requestsPerMinute: formNumber,
    tokensPerMinute: formNumber,
    supportsJsonSchema: z.literal("on").optional().transform(Boolean),
    timeoutMs: formNumber,
    batchSize: formNumber,
  }),
  z.object({ intent: z.literal("reset"), role: llmRoleSchema }),
]);

export const priceFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("save"), model: z.string(), inputPerMillionUsd: formNumber, outputPerMillionUsd: formNumber }),
  z.object({ intent: z.literal("delete"), model: z.string().min(1).max(200) }),
]);

export const testConnectionFormSchema = z.object({ role: llmRoleSchema });
