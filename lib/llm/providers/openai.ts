import OpenAI from "openai";
import { MalformedResponseError } from "../errors";
import { canonicalJson } from "../hash";
import { estimateTokens, type Provider, type ProviderChatRequest } from "../provider";
import type { RoleConfig } from "../config";
import { parseToolCall, reasoningOf, toWireMessages, toWireToolChoice, toWireTools } from "../wire";

export type OpenAiProviderOptions = { config: RoleConfig; apiKey?: string; fetch?: typeof fetch };

// Local servers (vLLM, Ollama) take any key, but the client insists on one.
const NO_KEY = "no-key";

/** Any OpenAI-compatible endpoint, through the `openai` client with its own retries off (the gateway retries). */
export function createOpenAiProvider({ config, apiKey, fetch }: OpenAiProviderOptions): Provider {
  const client = new OpenAI({
    apiKey: apiKey ?? NO_KEY,
    baseURL: config.baseUrl,
    maxRetries: 0,
    timeout: config.timeoutMs,
    ...(fetch ? { fetch } : {}),
  });

  // OpenAI's own API refuses max_tokens for its reasoning models; most compatible servers only know max_tokens.
  const officialApi = new URL(config.baseUrl).hostname === "api.openai.com";

  return {
    name: "openai",
    async chat(request: ProviderChatRequest, signal?: AbortSignal) {
      const body: OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming = {
        model: config.model,
        messages: toWireMessages(request.messages),
        temperature: request.temperature,
        ...(officialApi ? { max_completion_tokens: request.maxTokens } : { max_tokens: request.maxTokens }),
        ...(request.seed !== undefined ? { seed: request.seed } : {}),
        ...(request.tools?.length ? { tools: toWireTools(request.tools) } : {}),
        ...(request.tools?.length && request.toolChoice ? { tool_choice: toWireToolChoice(request.toolChoice) } : {}),
        ...(request.responseFormat
          ? { response_format: { type: "json_schema", json_schema: { name: request.responseFormat.name, schema: request.responseFormat.schema, strict: false } } }
          : {}),
      };
      const completion = await client.chat.completions.create(body, { signal });
      const choice = completion.choices?.[0];
      if (!choice?.message) throw new MalformedResponseError("the endpoint answered without a message (no choices)");
      const message = choice.message;
      const toolCalls = (message.tool_calls ?? []).map((c, i) => parseToolCall("function" in c ? c : { id: c.id }, i));
      const text = message.content ?? null;
      return {
        text,
        reasoning: reasoningOf(message),
        toolCalls,
        model: completion.model || config.model,
        finishReason: choice.finish_reason ?? null,
        // Some servers report no usage: an estimate keeps rate limits and costs roughly right.
        usage: {
          promptTokens: completion.usage?.prompt_tokens ?? estimateTokens(canonicalJson(body.messages)),
          completionTokens: completion.usage?.completion_tokens ?? estimateTokens((text ?? "") + toolCalls.map((c) => c.rawArguments).join("")),
        },
      };
    },
    async embed(texts: string[], signal?: AbortSignal) {
      const response = await client.embeddings.create({ model: config.model, input: texts, encoding_format: "float" }, { signal });
      const vectors = [...response.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
      if (vectors.length !== texts.length) throw new MalformedResponseError(`the endpoint returned ${vectors.length} embeddings for ${texts.length} texts`);
      const promptTokens = response.usage?.prompt_tokens ?? texts.reduce((n, t) => n + estimateTokens(t), 0);
      return { vectors, usage: { promptTokens, completionTokens: 0 }, model: response.model || config.model };
    },
  };
}
