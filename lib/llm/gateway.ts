import { z } from "zod";
import { cacheGetMany } from "./cache";
import { publicRoleConfig, type PublicRoleConfig } from "./config";
import { StructuredOutputError } from "./errors";
import { requestHash } from "./hash";
import { createPipeline, NO_USAGE, type GatewayOptions } from "./pipeline";
import { estimateTokens, type ProviderChatRequest } from "./provider";
import { formatName, jsonSchemaFor, repairRequest, validateOutput, type Validation } from "./structured";
import { TruncatedReplyError } from "./truncated-reply";
import { cutInsideToolCall } from "./wire";
import type { CallContext, ChatMessage, ChatRequest, ChatResult, LlmRole, StructuredRequest, StructuredResult, Usage } from "./types";

export type { GatewayOptions };

export type Gateway = {
  chat(role: LlmRole, request: ChatRequest, ctx?: CallContext): Promise<ChatResult>;
  structured<S extends z.ZodType>(role: LlmRole, request: StructuredRequest<S>, ctx?: CallContext): Promise<StructuredResult<z.output<S>>>;
  embed(texts: string[], ctx?: CallContext): Promise<number[][]>;
  /** The role's public settings (provider, model, base URL …) for the UI. */
  info(role: LlmRole): Promise<PublicRoleConfig>;
  /** Waits until every call so far is stored as an LlmCall row (rows are written just behind the calls). */
  flush(): Promise<void>;
};

const cachedVectorSchema = z.array(z.number());

// How often a reply cut inside a tool call is asked for again, each time with twice the limit, and the most it may ask for.
const MAX_TOKEN_RAISES = 2;
const MAX_TOKENS_CEILING = 1_000_000;

const addUsage = (a: Usage, b: Usage): Usage => ({ promptTokens: a.promptTokens + b.promptTokens, completionTokens: a.completionTokens + b.completionTokens });

export function createGateway(options: GatewayOptions): Gateway {
  const { db } = options;
  const { role, record, send, complete, fromCache, remember, toResult, toCacheEntry, flush } = createPipeline(options);

  return {
    async chat(roleName, request, ctx = {}) {
      const started = performance.now();
      const r = await role(roleName);
      const { config } = r.resolved;
      let providerRequest: ProviderChatRequest = {
        messages: request.messages,
        tools: request.tools,
        toolChoice: request.toolChoice,
        temperature: request.temperature ?? config.temperature,
        maxTokens: request.maxTokens ?? config.maxTokens,
        seed: ctx.seed,
        ...(request.parallelToolCalls !== undefined ? { parallelToolCalls: request.parallelToolCalls } : {}),
      };
      const { messages, tools, toolChoice, temperature, maxTokens, seed, parallelToolCalls } = providerRequest;
      const hash = requestHash({
        kind: "chat",
        provider: config.provider,
        model: config.model,
        messages,
        tools,
        toolChoice,
        temperature,
        maxTokens,
        seed,
        parallelToolCalls,
      });
      const hit = await fromCache(r, hash, ctx, started);
      if (hit) return toResult(r, hit, 0, started, true);
      // A reply cut off inside a tool call is asked for again with a higher limit, then given up with the reason.
      let usage = NO_USAGE;
      let costUsd = 0;
      for (let attempt = 1; ; attempt++) {
        const limit = providerRequest.maxTokens;
        const done = await complete(r, providerRequest, hash, ctx, started, (response) =>
          cutInsideToolCall(response) ? `the reply stopped at max_tokens ${limit} inside a tool call` : undefined,
        );
        usage = addUsage(usage, done.response.usage);
        costUsd += done.costUsd;
        const response = { ...done.response, usage };
        if (!cutInsideToolCall(response)) {
          if (ctx.cache !== false) await remember([{ key: hash, response: toCacheEntry(response) }]);
          return toResult(r, response, costUsd, started, false);
        }
        if (attempt >= MAX_TOKEN_RAISES + 1 || limit >= MAX_TOKENS_CEILING) throw new TruncatedReplyError(roleName, limit, attempt);
        providerRequest = { ...providerRequest, maxTokens: Math.min(MAX_TOKENS_CEILING, limit * 2) };
      }
    },

    async structured<S extends z.ZodType>(roleName: LlmRole, request: StructuredRequest<S>, ctx: CallContext = {}) {
      const started = performance.now();
      const r = await role(roleName);
      const { config } = r.resolved;
      const schema = jsonSchemaFor(request.schema);
      const name = formatName(request.name);
      const temperature = request.temperature ?? config.temperature;
      const maxTokens = request.maxTokens ?? config.maxTokens;
      const hash = requestHash({
        kind: "structured",
        provider: config.provider,
        model: config.model,
        messages: request.messages,
        schema,
        name,
        temperature,
        maxTokens,
        seed: ctx.seed,
      });

      let cachedValue: Validation<z.output<S>> | undefined;
      const hit = await fromCache(r, hash, ctx, started, (c) => (cachedValue = validateOutput(request.schema, c.text)).ok);
      if (hit && cachedValue?.ok) return { ...toResult(r, hit, 0, started, true), value: cachedValue.value };

      const maxRepairs = request.maxRepairs ?? options.maxRepairs ?? 2;
      // The provider asks for the JSON the best way the endpoint supports (json_schema, json_object, a forced tool call or the prompt).
      let messages: ChatMessage[] = request.messages;
      let usage = NO_USAGE;
      let costUsd = 0;
      let last: { issues: string; text: string | null } = { issues: "", text: null };
      for (let attempt = 1; attempt <= maxRepairs + 1; attempt++) {
        let outcome: Validation<z.output<S>> = { ok: false, issues: "no reply" };
        const providerRequest: ProviderChatRequest = { messages, temperature, maxTokens, seed: ctx.seed, responseFormat: { name, schema } };
        const done = await complete(r, providerRequest, hash, ctx, started, (response) => {
          outcome = validateOutput(request.schema, response.text);
          return outcome.ok ? undefined : `invalid "${name}" output (attempt ${attempt} of ${maxRepairs + 1}): ${outcome.issues}`;
        });
        usage = addUsage(usage, done.response.usage);
        costUsd += done.costUsd;
        const result = toResult(r, { ...done.response, usage }, costUsd, started, false);
        const checked = outcome as Validation<z.output<S>>;
        if (checked.ok) {
          if (ctx.cache !== false) await remember([{ key: hash, response: toCacheEntry(result) }]);
          return { ...result, value: checked.value };
        }
        last = { issues: checked.issues, text: done.response.text };
        messages = [...messages, { role: "assistant", content: done.response.text ?? "" }, repairRequest(checked.issues)];
      }
      throw new StructuredOutputError(roleName, name, maxRepairs + 1, last.issues, last.text);
    },

    async embed(texts, ctx = {}) {
      const started = performance.now();
      const r = await role("embedding");
      const { config } = r.resolved;
      const keys = texts.map((text) => requestHash({ kind: "embed", provider: config.provider, model: config.model, text }));
      const vectors: number[][] = new Array(texts.length);
      const byKey = new Map<string, number[]>();

      if (ctx.cache !== false) {
        const hits = await cacheGetMany(db, [...new Set(keys)]);
        for (const [key, value] of hits) {
          const parsed = cachedVectorSchema.safeParse(value);
          if (parsed.success) byKey.set(key, parsed.data);
        }
        if (byKey.size) {
          const hitHash = requestHash({ kind: "embed", keys: [...byKey.keys()].sort() });
          await record(r, hitHash, ctx, { usage: NO_USAGE, latencyMs: performance.now() - started, status: "cached" });
        }
      }

      const missing = [...new Map(keys.map((key, i) => [key, texts[i]])).entries()].filter(([key]) => !byKey.has(key));
      const batches: [string, string][][] = [];
      for (let i = 0; i < missing.length; i += config.batchSize) batches.push(missing.slice(i, i + config.batchSize));
      await Promise.all(
        batches.map(async (batch) => {
          const batchStarted = performance.now();
          const hash = requestHash({ kind: "embed", keys: batch.map(([key]) => key) });
          const batchTexts = batch.map(([, text]) => text);
          const estimate = batchTexts.reduce((n, t) => n + estimateTokens(t), 0);
          const response = await send(r, hash, ctx, estimate, batchStarted, (signal) => r.provider.embed(batchTexts, signal));
          await record(r, hash, ctx, { usage: response.usage, latencyMs: performance.now() - batchStarted, status: "ok", priceAliases: [response.model] });
          batch.forEach(([key], i) => byKey.set(key, response.vectors[i]));
          if (ctx.cache !== false) await remember(batch.map(([key], i) => ({ key, response: response.vectors[i] })));
        }),
      );
      keys.forEach((key, i) => (vectors[i] = byKey.get(key)!));
      return vectors;
    },

    async info(roleName) {
      return publicRoleConfig((await role(roleName)).resolved);
    },

    flush,
  };
}
