import http from "node:http";
import type { AddressInfo } from "node:net";
import { offlineChat } from "../offline/chat";
import { offlineEmbedding, OFFLINE_EMBEDDING_DIMENSIONS } from "../offline/embed";
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
};

export type RecordedRequest = { method: string; path: string; headers: http.IncomingHttpHeaders; body: Record<string, unknown>; at: number };

export type OpenAiTestServer = {
  /** The base URL, ending in /v1. */
  url: string;
  script(...steps: ScriptStep[]): void;
  requests: RecordedRequest[];
  stats: { inFlight: number; maxInFlight: number; disconnected: number };
  /** Latency of requests without a scripted one. */
  latencyMs: number;
  reset(): void;
  close(): Promise<void>;
};

type WireTool = { type: string; function: { name: string; description?: string; parameters?: JsonSchema } };

function defaultChat(body: Record<string, unknown>) {
  const format = body.response_format as { type?: string; json_schema?: { name: string; schema: JsonSchema } } | undefined;
  const tools = ((body.tools as WireTool[] | undefined) ?? []).map(
    (t): ToolDefinition => ({ name: t.function.name, description: t.function.description ?? "", parameters: t.function.parameters ?? {} }),
  );
  const choice = body.tool_choice as ToolChoice | { function: { name: string } } | undefined;
  const response = offlineChat(
    {
      messages: body.messages as ChatMessage[],
      tools,
      toolChoice: choice && typeof choice === "object" ? { name: "function" in choice ? choice.function.name : choice.name } : choice,
      temperature: 0,
      maxTokens: 0,
      seed: typeof body.seed === "number" ? body.seed : undefined,
      responseFormat: format?.type === "json_schema" && format.json_schema ? { name: format.json_schema.name, schema: format.json_schema.schema } : undefined,
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

function completion(body: Record<string, unknown>, reply: ScriptedReply) {
  const toolCalls = reply.toolCalls?.map((c, i) => ({
    id: c.id ?? `call_${i}`,
    type: "function",
    function: { name: c.name, arguments: typeof c.arguments === "string" ? c.arguments : JSON.stringify(c.arguments) },
  }));
  const message: Record<string, unknown> = { role: "assistant", content: reply.content ?? null };
  if (toolCalls?.length) message.tool_calls = toolCalls;
  if (reply.reasoning) message[reply.reasoningField ?? "reasoning_content"] = reply.reasoning;
  const usage = reply.usage ?? { prompt_tokens: 10, completion_tokens: 5 };
  return {
    id: `chatcmpl-${Date.now()}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: reply.model ?? body.model,
    choices: [{ index: 0, message, finish_reason: reply.finishReason ?? (toolCalls?.length ? "tool_calls" : "stop"), logprobs: null }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
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

export async function startOpenAiTestServer(options: { latencyMs?: number } = {}): Promise<OpenAiTestServer> {
  const queue: ScriptStep[] = [];
  const state: OpenAiTestServer = {
    url: "",
    requests: [],
    stats: { inFlight: 0, maxInFlight: 0, disconnected: 0 },
    latencyMs: options.latencyMs ?? 0,
    script: (...steps) => void queue.push(...steps),
    reset() {
      queue.length = 0;
      state.requests.length = 0;
      state.stats.maxInFlight = state.stats.inFlight;
      state.stats.disconnected = 0;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = http.createServer(async (req, res) => {
    const path = (req.url ?? "").split("?")[0];
    const route = path.endsWith("/chat/completions") ? "chat" : path.endsWith("/embeddings") ? "embeddings" : null;
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
    const step = queue.shift() ?? {};
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
    const payload = JSON.stringify(
      route === "embeddings" ? embeddingsBody(body, step.embeddings) : completion(body, step.reply ?? defaultChat(body).reply),
    );
    if (step.truncate) {
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(payload) });
      res.write(payload.slice(0, Math.floor(payload.length / 2)), () => req.socket.destroy());
      return;
    }
    res.writeHead(200, { "content-type": "application/json", ...step.headers }).end(payload);
  });
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return state;
}
