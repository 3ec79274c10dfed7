import { z } from "zod";
import { LlmRole } from "../db/generated/enums";

// The gateway's boundary types. Pure: safe to import from components.

export const llmRoleSchema = z.enum(LlmRole);
export type { LlmRole };
export const LLM_ROLES = llmRoleSchema.options;

export const providerNameSchema = z.enum(["openai", "offline"]);
export type ProviderName = z.infer<typeof providerNameSchema>;

/** A tool call as it travels on the wire (OpenAI shape): arguments are a JSON string. */
export const wireToolCallSchema = z.object({
  id: z.string(),
  type: z.literal("function").default("function"),
  function: z.object({ name: z.string(), arguments: z.string() }),
});
export type WireToolCall = z.input<typeof wireToolCallSchema>;

/** A tool call as the gateway returns it: arguments parsed, the raw text kept. */
export const toolCallSchema = z.object({
  id: z.string(),
  name: z.string(),
  arguments: z.unknown(),
  rawArguments: z.string(),
  /** Set when `rawArguments` is not a JSON object; `arguments` is then null. */
  argumentsError: z.string().optional(),
  /** Set when the studio gave the call its id: the endpoint's own (missing: null, or one already used). */
  sourceId: z.string().nullable().optional(),
});
export type ToolCall = z.infer<typeof toolCallSchema>;

const historyToolCallSchema = toolCallSchema.partial({ rawArguments: true });

export const chatMessageSchema = z.discriminatedUnion("role", [
  z.object({ role: z.literal("system"), content: z.string() }),
  z.object({ role: z.literal("user"), content: z.string() }),
  z.object({
    role: z.literal("assistant"),
    content: z.string().nullable(),
    tool_calls: z.array(wireToolCallSchema).optional(),
    // A chat result's own tool calls, so a result can go back into the history as it is.
    toolCalls: z.array(historyToolCallSchema).optional(),
  }),
  z.object({
    role: z.literal("tool"),
    content: z.string(),
    tool_call_id: z.string().optional(),
    /** Same as tool_call_id, in the spelling of ToolCall. One of the two is required. */
    toolCallId: z.string().optional(),
    name: z.string().optional(),
  }),
]);
export type ChatMessage = z.infer<typeof chatMessageSchema>;

export const jsonSchemaSchema = z.record(z.string(), z.unknown());
export type JsonSchema = z.infer<typeof jsonSchemaSchema>;

export const toolDefinitionSchema = z.object({
  name: z.string().min(1),
  description: z.string(),
  parameters: jsonSchemaSchema,
});
export type ToolDefinition = z.infer<typeof toolDefinitionSchema>;

export const toolChoiceSchema = z.union([z.enum(["auto", "none", "required"]), z.object({ name: z.string() })]);
export type ToolChoice = z.infer<typeof toolChoiceSchema>;

export const usageSchema = z.object({ promptTokens: z.number().int().min(0), completionTokens: z.number().int().min(0) });
export type Usage = z.infer<typeof usageSchema>;

export const chatResultSchema = z.object({
  text: z.string().nullable(),
  reasoning: z.string().nullable(),
  toolCalls: z.array(toolCallSchema),
  usage: usageSchema,
  latencyMs: z.number().min(0),
  costUsd: z.number().min(0),
  model: z.string(),
  provider: providerNameSchema,
  cached: z.boolean(),
  finishReason: z.string().nullable(),
  /** The reply's text as the endpoint sent it, when tool calls were read out of it (`text` is what is left). */
  rawText: z.string().nullable().optional(),
});
export type ChatResult = z.infer<typeof chatResultSchema>;

export type ChatRequest = {
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  temperature?: number;
  maxTokens?: number;
  /** Sent as parallel_tool_calls when set (dropped for models that refuse it). */
  parallelToolCalls?: boolean;
};

export type StructuredRequest<S extends z.ZodType> = {
  messages: ChatMessage[];
  schema: S;
  /** Names the output for the endpoint (json_schema name) and in errors. */
  name: string;
  temperature?: number;
  maxTokens?: number;
  /** How many times invalid output is sent back for repair (gateway default: 2). */
  maxRepairs?: number;
};

export type StructuredResult<T> = ChatResult & { value: T };

export type CallContext = {
  runId?: string;
  trajectoryId?: string;
  signal?: AbortSignal;
  seed?: number;
  /** Default true: identical requests are answered from the response cache. */
  cache?: boolean;
};
