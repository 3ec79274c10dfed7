import type { ChatMessage, JsonSchema, ProviderName, ToolCall, ToolChoice, ToolDefinition, Usage } from "./types";

// What a provider does: one request, no retries, limits, cache or accounting
// (the gateway owns those, the same way for every provider).

export type ResponseFormat = { name: string; schema: JsonSchema };

export type ProviderChatRequest = {
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  temperature: number;
  maxTokens: number;
  seed?: number;
  parallelToolCalls?: boolean;
  /** Ask for JSON fitting this schema, the best way the endpoint supports. */
  responseFormat?: ResponseFormat;
};

export type ProviderChatResponse = {
  text: string | null;
  reasoning: string | null;
  toolCalls: ToolCall[];
  usage: Usage;
  model: string;
  finishReason: string | null;
  /** The reply's text as sent, when tool calls were read out of it. */
  rawText?: string | null;
  /** The endpoint reported no usage: the token counts are estimates. */
  usageEstimated?: boolean;
};

export type ProviderEmbedResponse = { vectors: number[][]; usage: Usage; model: string };

/** One request of a batch: the endpoint answers it under `customId`. */
export type BatchLine = { customId: string; body: Record<string, unknown> };

/** A batch as the endpoint reports it; the files hold one JSON line per request. */
export type BatchState = { status: string; outputFileId: string | null; errorFileId: string | null };

/** An endpoint's Batch API (OpenAI's: a JSONL file in, files of results out, within a completion window). */
export type ProviderBatch = {
  /** The request's wire body, and how to read the completion the batch returns for it. */
  prepare(request: ProviderChatRequest): Promise<{ body: Record<string, unknown>; read(completion: unknown): ProviderChatResponse }>;
  /** Uploads the lines and creates the batch; its id. */
  submit(lines: BatchLine[], signal?: AbortSignal): Promise<string>;
  retrieve(batchId: string, signal?: AbortSignal): Promise<BatchState>;
  content(fileId: string, signal?: AbortSignal): Promise<string>;
};

export type Provider = {
  name: ProviderName;
  chat(request: ProviderChatRequest, signal?: AbortSignal): Promise<ProviderChatResponse>;
  embed(texts: string[], signal?: AbortSignal): Promise<ProviderEmbedResponse>;
  /** Absent where the provider has no Batch API (offline): requests are then sent one by one. */
  batch?: ProviderBatch;
};

/** A rough count (4 characters a token) for rate limits and for endpoints that report no usage. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
