import http from "node:http";
import type { AddressInfo } from "node:net";
import { offlineChat } from "../offline/chat";
import { offlineEmbedding, OFFLINE_EMBEDDING_DIMENSIONS } from "../offline/embed";
import { mulberry32 } from "../../util/random";
import { createBatchApi, type BatchApiControl } from "./batch-api";
import type { ChatMessage, JsonSchema, ToolChoice, ToolDefinition } from "../types";

// A local OpenAI-compatible server for tests and benchmarks: it answers like
// the offline provider unless a test scripts what the next requests get.

export type ScriptedReply = {
  content?: string | null;
  toolCalls?: { id?: string; name: string; arguments: string | Record<string, unknown> }[];
  reasoning?: string;
  /** Where the reasoning goes: vLLM/DeepSeek/Kimi use reasoning_content, OpenRouter/Ollama reasoning. */
  reasoningField?: "reasoning_content" | "reasoning";
  finishReason?: string;
  usage?: { prompt_tokens: number; completion_tokens: number };
  model?: string;
};

/** What the next request gets. Steps are used in order, one per request, whatever the route. */
export type ScriptStep = {
  latencyMs?: number;
  reply?: ScriptedReply;
  embeddings?: number[][];
  /** Answer with this HTTP status and an OpenAI-style error body. */
  status?: number;
  message?: string;
  headers?: Record<string, string>;
  /** 200 with a body that is not JSON. */
  malformed?: boolean;
  /** Close the connection without answering. */
  drop?: boolean;
  /** Send the headers and half the body, then close the connection. */
  truncate?: boolean;
  /** A whole response whose message text is cut in half, finish_reason "length". */
  truncatedReply?: boolean;
};

/**
 * Misbehaviour at random, for requests without a scripted step: each field is
 * the share of requests (0–1) that get it, drawn from a seeded generator so a
 * test is repeatable. `poison` marks requests that always fail (with a 500)
 * whatever the rates, as an endpoint that chokes on certain inputs would.
 */
export type FaultRates = {
  /** 429 with a Retry-After of `retryAfterSeconds` */
  rateLimit?: number;
  retryAfterSeconds?: number;
  /** 500 with an OpenAI-style error body */
  serverError?: number;
  /** no answer for `hangMs` (set it past the client's timeout) */
  hang?: number;
  hangMs?: number;
  /** 200 with a body that is not JSON */
  malformed?: number;
  /** half the body, then the connection closes */
  truncate?: number;
  /** a complete answer whose text is cut in half, finish_reason "length", as a model that ran out of tokens */
  truncatedReply?: number;
  poison?: (body: Record<string, unknown>) => boolean;
  seed?: number;
};

/**
 * How the server speaks, as real providers differ from OpenAI's API. Applies
 * to every chat reply, scripted or not; refusals (400s) are answered before a
 * scripted step is used, so a test scripts only what the accepted requests get.
 */
export type Dialect = {
  /** Kimi K2's `functions.<name>:<n>` (n counts within a reply, so every turn repeats them), or no id at all. */
  toolCallIds?: "kimi" | "missing";
  /** Reasoning text beside the content, in `reasoning_content` (DeepSeek, Kimi, vLLM) or `reasoning` (OpenRouter, Ollama). */
  reasoningField?: "reasoning_content" | "reasoning";
  /** Tool calls written into the content as Hermes `<tool_call>` tags, as a server without a tool parser returns them. */
  toolCallsInContent?: boolean;
  /** Replies carry no usage. */
  omitUsage?: boolean;
  /** Parameters the model refuses with a 400 naming them in `param`, OpenAI style. */
  refuses?: ("temperature" | "tool_choice_required" | "parallel_tool_calls")[];
  /** The best structured output the server accepts: richer response formats (or a forced tool call, below "tool") get a 400. */
  structuredOutput?: "json_schema" | "json_object" | "tool" | "prompt";
  /** Replies with tool calls stop at finish_reason "length", their arguments cut in half, while max_tokens is below this. */
  toolCallsNeedMaxTokens?: number;
};

export type FaultKind = "rateLimit" | "serverError" | "hang" | "malformed" | "truncate" | "truncatedReply" | "poison";

export type RecordedRequest = { method: string; path: string; headers: http.IncomingHttpHeaders; body: Record<string, unknown>; at: number };

export type OpenAiTestServer = {
  /** The base URL, ending in /v1. */
  url: string;
  script(...steps: ScriptStep[]): void;
  /** Like script, for the requests `match` picks only (the agent's calls among the simulators' …). */
  scriptWhen(match: (body: Record<string, unknown>) => boolean, ...steps: ScriptStep[]): void;
  requests: RecordedRequest[];
  stats: { inFlight: number; maxInFlight: number; disconnected: number; faults: Record<FaultKind, number> };
  /** Latency of requests without a scripted one. */
  latencyMs: number;
  /** Random misbehaviour of requests without a scripted step; change it at any time (null: healthy). */
  faults: FaultRates | null;
  /** How the server speaks; change it at any time (null: like OpenAI). */
  dialect: Dialect | null;
  /** The Batch API (/v1/files, /v1/batches): its batches, and what a test holds back or fails. */
  batch: BatchApiControl;
  reset(): void;
  close(): Promise<void>;
};

type WireTool = { type: string; function: { name: string; description?: string; parameters?: JsonSchema } };

/** The JSON Schema a request put into its system prompt (structured output without json_schema), if any. */
function schemaInPrompt(body: Record<string, unknown>): JsonSchema | undefined {
  const system = (body.messages as { role: string; content?: unknown }[] | undefined)?.find((m) => m.role === "system");
  const lastLine = typeof system?.content === "string" ? system.content.slice(system.content.lastIndexOf("\n") + 1) : "";
  try {
    const schema = JSON.parse(lastLine) as unknown;
    return schema && typeof schema === "object" && "type" in schema ? (schema as JsonSchema) : undefined;
  } catch {
    return undefined;
  }
}

function defaultChat(body: Record<string, unknown>) {
  const format = body.response_format as { type?: string; json_schema?: { name: string; schema: JsonSchema } } | undefined;
  const promptSchema = format?.type === "json_schema" ? undefined : schemaInPrompt(body);
  const tools = ((body.tools as WireTool[] | undefined) ?? []).map((t): ToolDefinition => ({
    name: t.function.name,
    description: t.function.description ?? "",
    parameters: t.function.parameters ?? {},
  }));
  const choice = body.tool_choice as ToolChoice | { function: { name: string } } | undefined;
  const response = offlineChat(
    {
      messages: body.messages as ChatMessage[],
      tools,
      toolChoice: choice && typeof choice === "object" ? { name: "function" in choice ? choice.function.name : choice.name } : choice,
      temperature: 0,
      maxTokens: 0,
      seed: typeof body.seed === "number" ? body.seed : undefined,
      responseFormat:
        format?.type === "json_schema" && format.json_schema
          ? { name: format.json_schema.name, schema: format.json_schema.schema }
          : promptSchema
            ? { name: "output", schema: promptSchema }
            : undefined,
    },
    String(body.model),
  );
  return {
    reply: {
      content: response.text,
      toolCalls: response.toolCalls.map((c) => ({ id: c.id, name: c.name, arguments: c.rawArguments })),
      finishReason: response.finishReason ?? "stop",
      usage: { prompt_tokens: response.usage.promptTokens, completion_tokens: response.usage.completionTokens },
    } satisfies ScriptedReply,
  };
}

/** The scripted reply or the offline one; cut short (as a model out of tokens) for a `truncatedReply` step. */
function chatReply(body: Record<string, unknown>, step: ScriptStep): ScriptedReply {
  const reply = step.reply ?? defaultChat(body).reply;
  if (!step.truncatedReply) return reply;
  const half = (text: string) => text.slice(0, Math.floor(text.length / 2));
  return {
    ...reply,
    content: reply.content ? half(reply.content) : (reply.content ?? null),
    toolCalls: reply.toolCalls?.map((c) => ({ ...c, arguments: half(typeof c.arguments === "string" ? c.arguments : JSON.stringify(c.arguments)) })),
    finishReason: "length",
  };
}

function completion(body: Record<string, unknown>, reply: ScriptedReply, dialect: Dialect | null) {
  const half = (text: string) => text.slice(0, Math.floor(text.length / 2));
  const cut = Boolean(reply.toolCalls?.length && dialect?.toolCallsNeedMaxTokens && Number(body.max_tokens ?? Infinity) < dialect.toolCallsNeedMaxTokens);
  const toolCalls = reply.toolCalls?.map((c, i) => {
    const args = typeof c.arguments === "string" ? c.arguments : JSON.stringify(c.arguments);
    const id = dialect?.toolCallIds === "kimi" ? `functions.${c.name}:${i}` : dialect?.toolCallIds === "missing" ? undefined : (c.id ?? `call_${i}`);
    return { ...(id !== undefined ? { id } : {}), type: "function", function: { name: c.name, arguments: cut ? half(args) : args } };
  });
  const message: Record<string, unknown> = { role: "assistant", content: reply.content ?? null };
  if (toolCalls?.length && dialect?.toolCallsInContent) {
    const tags = toolCalls.map((c) => `<tool_call>\n{"name": ${JSON.stringify(c.function.name)}, "arguments": ${c.function.arguments}}\n</tool_call>`);
    message.content = [reply.content, ...tags].filter(Boolean).join("\n");
  } else if (toolCalls?.length) message.tool_calls = toolCalls;
  const lastUser = (body.messages as { role: string; content?: unknown }[] | undefined)?.findLast((m) => m.role === "user");
  const reasoning = reply.reasoning ?? (dialect?.reasoningField ? `Thinking about: ${String(lastUser?.content ?? "").slice(0, 60)}` : undefined);
  if (reasoning) message[reply.reasoningField ?? dialect?.reasoningField ?? "reasoning_content"] = reasoning;
  const usage = reply.usage ?? { prompt_tokens: 10, completion_tokens: 5 };
  const finishReason = cut ? "length" : (reply.finishReason ?? (toolCalls?.length && !dialect?.toolCallsInContent ? "tool_calls" : "stop"));
  return {
    id: `chatcmpl-${Date.now()}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: reply.model ?? body.model,
    choices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }],
    ...(dialect?.omitUsage ? {} : { usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } }),
  };
}

const STRUCTURED_RANK = { json_schema: 0, json_object: 1, tool: 2, prompt: 3 } as const;

/** The 400 a model speaking `dialect` answers this request with (OpenAI's error shape: param and code), if any. */
function dialectRefusal(body: Record<string, unknown>, dialect: Dialect | null): { message: string; param: string; code: string } | null {
  if (!dialect) return null;
  const refuses = new Set(dialect.refuses ?? []);
  if (refuses.has("temperature") && "temperature" in body)
    return { message: "Unsupported parameter: 'temperature' is not supported with this model.", param: "temperature", code: "unsupported_parameter" };
  if (refuses.has("tool_choice_required") && body.tool_choice === "required")
    return { message: "Unsupported value: 'tool_choice' does not support 'required' with this model.", param: "tool_choice", code: "unsupported_value" };
  if (refuses.has("parallel_tool_calls") && "parallel_tool_calls" in body)
    return {
      message: "Unsupported parameter: 'parallel_tool_calls' is not supported with this model.",
      param: "parallel_tool_calls",
      code: "unsupported_parameter",
    };
  const best = STRUCTURED_RANK[dialect.structuredOutput ?? "json_schema"];
  const format = (body.response_format as { type?: keyof typeof STRUCTURED_RANK } | undefined)?.type;
  if (format && format in STRUCTURED_RANK && STRUCTURED_RANK[format] < best)
    return { message: `response_format of type '${format}' is not supported by this model`, param: "response_format", code: "invalid_value" };
  if (best > STRUCTURED_RANK.tool && body.tool_choice && typeof body.tool_choice === "object")
    return { message: "this model cannot be forced to call a function", param: "tool_choice", code: "invalid_value" };
  return null;
}

function embeddingsBody(body: Record<string, unknown>, vectors?: number[][]) {
  const input = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
  const dimensions = typeof body.dimensions === "number" ? body.dimensions : OFFLINE_EMBEDDING_DIMENSIONS;
  const data = input.map((text, index) => ({ object: "embedding", index, embedding: vectors?.[index] ?? offlineEmbedding(text, dimensions) }));
  const tokens = input.reduce((n, t) => n + Math.ceil(t.length / 4), 0);
  return { object: "list", data, model: body.model, usage: { prompt_tokens: tokens, total_tokens: tokens } };
}

async function readBody(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
  } catch {
    return {};
  }
}

const noFaults = (): Record<FaultKind, number> => ({ rateLimit: 0, serverError: 0, hang: 0, malformed: 0, truncate: 0, truncatedReply: 0, poison: 0 });
const RANDOM_FAULTS = ["rateLimit", "serverError", "hang", "malformed", "truncate", "truncatedReply"] as const;

/** The scripted step that plays a fault. */
function faultStep(faults: FaultRates, kind: FaultKind): ScriptStep {
  switch (kind) {
    case "rateLimit":
      return { status: 429, message: "Rate limit reached (injected)", headers: { "retry-after": String(faults.retryAfterSeconds ?? 0.05) } };
    case "serverError":
      return { status: 500, message: "The server had an error (injected)" };
    case "poison":
      return { status: 500, message: "The server cannot handle this request (injected poison)" };
    case "hang":
      return { latencyMs: faults.hangMs ?? 60_000 };
    case "malformed":
      return { malformed: true };
    case "truncate":
      return { truncate: true };
    case "truncatedReply":
      return { truncatedReply: true };
  }
}

/** `port`: listen there (to start a server again where a stopped one was); 0 picks a free one. */
export async function startOpenAiTestServer(
  options: { latencyMs?: number; faults?: FaultRates; dialect?: Dialect; port?: number } = {},
): Promise<OpenAiTestServer> {
  const queue: { step: ScriptStep; match?: (body: Record<string, unknown>) => boolean }[] = [];
  let random = mulberry32(options.faults?.seed ?? 1);
  let faults: FaultRates | null = options.faults ?? null;
  let dialect: Dialect | null = options.dialect ?? null;
  const pickFault = (body: Record<string, unknown>): FaultKind | null => {
    if (!faults) return null;
    if (faults.poison?.(body)) return "poison";
    let r = random();
    for (const kind of RANDOM_FAULTS) {
      const rate = faults[kind] ?? 0;
      if (r < rate) return kind;
      r -= rate;
    }
    return null;
  };
  // A batch's line is answered as the same request sent alone would be, scripted steps aside.
  const batchApi = createBatchApi((body) => {
    const refusal = dialectRefusal(body, dialect);
    if (refusal) return { ok: false, status: 400, message: refusal.message, code: refusal.code };
    return { ok: true, body: completion(body, chatReply(body, {}), dialect) };
  });
  const state: OpenAiTestServer = {
    url: "",
    batch: batchApi.control,
    requests: [],
    stats: { inFlight: 0, maxInFlight: 0, disconnected: 0, faults: noFaults() },
    latencyMs: options.latencyMs ?? 0,
    get faults() {
      return faults;
    },
    set faults(value) {
      faults = value;
      random = mulberry32(value?.seed ?? 1);
    },
    get dialect() {
      return dialect;
    },
    set dialect(value) {
      dialect = value;
    },
    script: (...steps) => void queue.push(...steps.map((step) => ({ step }))),
    scriptWhen: (match, ...steps) => void queue.push(...steps.map((step) => ({ step, match }))),
    reset() {
      queue.length = 0;
      state.requests.length = 0;
      state.stats.maxInFlight = state.stats.inFlight;
      state.stats.disconnected = 0;
      state.stats.faults = noFaults();
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = http.createServer(async (req, res) => {
    const path = (req.url ?? "").split("?")[0];
    const route = path.endsWith("/chat/completions") ? "chat" : path.endsWith("/embeddings") ? "embeddings" : null;
    if (!route && (await batchApi.handle(req, res, path))) return;
    if (req.method !== "POST" || !route) {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: `no route ${req.method} ${path}` } }));
      return;
    }
    state.stats.inFlight++;
    state.stats.maxInFlight = Math.max(state.stats.maxInFlight, state.stats.inFlight);
    res.on("close", () => {
      state.stats.inFlight--;
      if (!res.writableFinished) state.stats.disconnected++;
    });

    const body = await readBody(req);
    state.requests.push({ method: req.method, path, headers: req.headers, body, at: performance.now() });
    const refusal = route === "chat" ? dialectRefusal(body, dialect) : null;
    if (refusal) {
      res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: { ...refusal, type: "invalid_request_error" } }));
      return;
    }
    const scripted = queue.findIndex((e) => !e.match || e.match(body));
    let step = scripted >= 0 ? queue.splice(scripted, 1)[0].step : undefined;
    if (!step) {
      const fault = pickFault(body);
      if (fault) state.stats.faults[fault]++;
      step = fault && faults ? faultStep(faults, fault) : {};
    }
    const latency = step.latencyMs ?? state.latencyMs;
    if (latency > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, latency);
        res.on("close", () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    if (res.destroyed) return;

    if (step.drop) {
      req.socket.destroy();
      return;
    }
    if (step.status) {
      const error = { message: step.message ?? `scripted ${step.status}`, type: step.status === 429 ? "rate_limit_exceeded" : "server_error", code: null };
      res.writeHead(step.status, { "content-type": "application/json", ...step.headers }).end(JSON.stringify({ error }));
      return;
    }
    if (step.malformed) {
      res.writeHead(200, { "content-type": "application/json" }).end('{"id": "chatcmpl-x", "choices": [');
      return;
    }
    const payload = JSON.stringify(route === "embeddings" ? embeddingsBody(body, step.embeddings) : completion(body, chatReply(body, step), dialect));
    if (step.truncate) {
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(payload) });
      res.write(payload.slice(0, Math.floor(payload.length / 2)), () => req.socket.destroy());
      return;
    }
    res.writeHead(200, { "content-type": "application/json", ...step.headers }).end(payload);
  });
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return state;
}
