import OpenAI, { APIError, toFile } from "openai";
import {
  refusableParamSchema,
  STRUCTURED_MODES,
  UNKNOWN_CAPABILITIES,
  type Capabilities,
  type CapabilityMemory,
  type RefusableParam,
  type StructuredMode,
} from "../capabilities";
import { MalformedResponseError } from "../errors";
import { canonicalJson } from "../hash";
import { estimateTokens, type Provider, type ProviderBatch, type ProviderChatRequest, type ProviderChatResponse, type ResponseFormat } from "../provider";
import type { RoleConfig } from "../config";
import { strictSchema, withJsonInstructions } from "../structured";
import { parseToolCalls, reasoningOf, toolCallsInText, toWireMessages, toWireToolChoice, toWireTools } from "../wire";

export type OpenAiProviderOptions = { config: RoleConfig; apiKey?: string; fetch?: typeof fetch; capabilities?: CapabilityMemory };

type Body = OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming;
type Completion = OpenAI.Chat.Completions.ChatCompletion;

// Local servers (vLLM, Ollama) take any key, but the client insists on one.
const NO_KEY = "no-key";

/** Capabilities kept for this provider alone, where no database memory was given. */
function localMemory(): CapabilityMemory {
  let current: Capabilities = { ...UNKNOWN_CAPABILITIES };
  return {
    load: async () => current,
    async learn({ probed: _probed, ...change }) {
      current = {
        structuredOutput: change.structuredOutput ?? current.structuredOutput,
        refusedParams: [...new Set([...current.refusedParams, ...(change.refusedParams ?? [])])],
      };
    },
  };
}

/**
 * The parameter a 400 (or 422) refused, read from the error's structured
 * fields: OpenAI names it in `param` with code unsupported_parameter or
 * unsupported_value. Only a parameter the request carried counts.
 */
export function refusedParam(error: unknown, body: object): RefusableParam | null {
  if (!(error instanceof APIError) || (error.status !== 400 && error.status !== 422)) return null;
  const param = refusableParamSchema.safeParse(error.param);
  if (!param.success || !(param.data in body)) return null;
  const code = typeof error.code === "string" ? error.code : null;
  return code === null || code === "unsupported_parameter" || code === "unsupported_value" ? param.data : null;
}

/** A 400 (or 422) about how the output was asked for (response_format, tools): a lesser structured mode may work. */
function formatRefused(error: unknown): boolean {
  if (!(error instanceof APIError) || (error.status !== 400 && error.status !== 422)) return false;
  return error.param == null || error.param === "response_format" || error.param === "tools" || error.param === "tool_choice";
}

function withoutRefused(body: Body, refused: readonly RefusableParam[]): Body {
  const copy: Body = { ...body };
  for (const param of refused) delete copy[param];
  return copy;
}

/** The structured modes to try, best first, from the one known to work (or the top). */
function structuredLadder(known: Capabilities, config: RoleConfig, format: ResponseFormat): StructuredMode[] {
  if (!config.supportsJsonSchema) return ["prompt"];
  const start = known.structuredOutput ? STRUCTURED_MODES.indexOf(known.structuredOutput) : 0;
  // A forced tool call carries an object: other outputs cannot go that way.
  return STRUCTURED_MODES.slice(start).filter((m) => m !== "tool" || format.schema.type === "object");
}

/** Any OpenAI-compatible endpoint, through the `openai` client with its own retries off (the gateway retries). */
export function createOpenAiProvider({ config, apiKey, fetch, capabilities = localMemory() }: OpenAiProviderOptions): Provider {
  const client = new OpenAI({
    apiKey: apiKey ?? NO_KEY,
    baseURL: config.baseUrl,
    maxRetries: 0,
    timeout: config.timeoutMs,
    ...(fetch ? { fetch } : {}),
  });

  // OpenAI's own API refuses max_tokens for its reasoning models; most compatible servers only know max_tokens.
  const officialApi = new URL(config.baseUrl).hostname === "api.openai.com";

  function baseBody(request: ProviderChatRequest): Body {
    return {
      model: config.model,
      messages: toWireMessages(request.messages),
      temperature: request.temperature,
      ...(officialApi ? { max_completion_tokens: request.maxTokens } : { max_tokens: request.maxTokens }),
      ...(request.seed !== undefined ? { seed: request.seed } : {}),
      ...(request.tools?.length ? { tools: toWireTools(request.tools) } : {}),
      ...(request.tools?.length && request.toolChoice ? { tool_choice: toWireToolChoice(request.toolChoice) } : {}),
      ...(request.tools?.length && request.parallelToolCalls !== undefined ? { parallel_tool_calls: request.parallelToolCalls } : {}),
    };
  }

  function structuredBody(request: ProviderChatRequest, format: ResponseFormat, mode: StructuredMode, strict: boolean): Body {
    const body = baseBody(request);
    const instructed = () => toWireMessages(withJsonInstructions(request.messages, format.name, format.schema));
    switch (mode) {
      case "json_schema": {
        const schema = strict ? strictSchema(format.schema) : null;
        return {
          ...body,
          response_format: { type: "json_schema", json_schema: { name: format.name, schema: schema ?? format.schema, strict: Boolean(schema) } },
        };
      }
      case "json_object":
        return { ...body, messages: instructed(), response_format: { type: "json_object" } };
      case "tool":
        return {
          ...body,
          tools: [{ type: "function", function: { name: format.name, description: `Returns the ${format.name} output.`, parameters: format.schema } }],
          tool_choice: { type: "function", function: { name: format.name } },
        };
      case "prompt":
        return { ...body, messages: instructed() };
    }
  }

  /** One request; a parameter the model refuses is dropped, remembered for the model, and the request sent again. */
  async function send(body: Body, signal?: AbortSignal): Promise<{ completion: Completion; sent: Body }> {
    for (;;) {
      const sent = withoutRefused(body, (await capabilities.load()).refusedParams);
      try {
        return { completion: await client.chat.completions.create(sent, { signal }), sent };
      } catch (e) {
        const param = refusedParam(e, sent);
        if (!param) throw e;
        await capabilities.learn({ refusedParams: [param] });
      }
    }
  }

  function toResponse({ completion, sent }: { completion: Completion; sent: Body }, request: ProviderChatRequest, mode?: StructuredMode): ProviderChatResponse {
    const choice = completion.choices?.[0];
    if (!choice?.message) throw new MalformedResponseError("the endpoint answered without a message (no choices)");
    const message = choice.message;
    const content = message.content ?? null;
    let toolCalls = parseToolCalls((message.tool_calls ?? []).map((c) => ("function" in c ? c : { id: c.id })));
    let text = content;
    let rawText: string | undefined;
    if (mode === "tool") {
      // The forced call's arguments are the output.
      text = toolCalls.find((c) => c.name === request.responseFormat?.name)?.rawArguments ?? content;
      toolCalls = [];
    } else if (!toolCalls.length && content && request.tools?.length) {
      const inText = toolCallsInText(content);
      if (inText) {
        toolCalls = parseToolCalls(inText.calls);
        text = inText.text;
        rawText = content;
      }
    }
    const usage = completion.usage;
    return {
      text,
      reasoning: reasoningOf(message),
      toolCalls,
      model: completion.model || config.model,
      finishReason: choice.finish_reason ?? null,
      ...(rawText !== undefined ? { rawText } : {}),
      // Some servers report no usage: an estimate keeps rate limits and costs roughly right, and says it is one.
      ...(usage ? {} : { usageEstimated: true }),
      usage: {
        promptTokens: usage?.prompt_tokens ?? estimateTokens(canonicalJson(sent.messages)),
        completionTokens:
          usage?.completion_tokens ?? estimateTokens((content ?? "") + (reasoningOf(message) ?? "") + toolCalls.map((c) => c.rawArguments).join("")),
      },
    };
  }

  async function structured(request: ProviderChatRequest, format: ResponseFormat, signal?: AbortSignal): Promise<ProviderChatResponse> {
    const known = await capabilities.load();
    const ladder = structuredLadder(known, config, format);
    let lastError: unknown;
    for (const mode of ladder) {
      // Strict json_schema first where the schema allows it; a refusal of strict tries it loose.
      for (const strict of mode === "json_schema" ? [true, false] : [false]) {
        if (strict && !strictSchema(format.schema)) continue;
        try {
          const response = toResponse(await send(structuredBody(request, format, mode, strict), signal), request, mode);
          if (known.structuredOutput !== mode && ladder.length > 1) await capabilities.learn({ structuredOutput: mode });
          return response;
        } catch (e) {
          if (!formatRefused(e)) throw e;
          lastError = e;
        }
      }
    }
    throw lastError;
  }

  /** A batch has no second try within it: a structured request goes the best way known to work, refused parameters left out. */
  const batch: ProviderBatch = {
    async prepare(request) {
      const known = await capabilities.load();
      const format = request.responseFormat;
      const mode = format ? structuredLadder(known, config, format)[0] : undefined;
      const body = withoutRefused(
        format && mode ? structuredBody(request, format, mode, mode === "json_schema" && strictSchema(format.schema) !== null) : baseBody(request),
        known.refusedParams,
      );
      return {
        body: body as unknown as Record<string, unknown>,
        read: (completion) => {
          if (!completion || typeof completion !== "object") throw new MalformedResponseError("the batch's result line holds no completion");
          return toResponse({ completion: completion as Completion, sent: body }, request, mode);
        },
      };
    },
    async submit(lines, signal) {
      const jsonl = lines.map((l) => JSON.stringify({ custom_id: l.customId, method: "POST", url: "/v1/chat/completions", body: l.body })).join("\n") + "\n";
      const file = await client.files.create(
        { file: await toFile(Buffer.from(jsonl, "utf8"), "batch.jsonl", { type: "application/jsonl" }), purpose: "batch" },
        { signal },
      );
      const created = await client.batches.create({ input_file_id: file.id, endpoint: "/v1/chat/completions", completion_window: "24h" }, { signal });
      return created.id;
    },
    async retrieve(batchId, signal) {
      const b = await client.batches.retrieve(batchId, { signal });
      return { status: b.status, outputFileId: b.output_file_id ?? null, errorFileId: b.error_file_id ?? null };
    },
    async content(fileId, signal) {
      return (await client.files.content(fileId, { signal })).text();
    },
  };

  return {
    name: "openai",
    batch,
    async chat(request: ProviderChatRequest, signal?: AbortSignal) {
      if (request.responseFormat) return structured(request, request.responseFormat, signal);
      return toResponse(await send(baseBody(request), signal), request);
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
