import { APIError } from "openai";
import { z } from "zod";
import type { Db } from "../db/client";
import { CallLedger, type CallRecord } from "./accounting";
import { Batcher, type BatchMode } from "./batcher";
import { cacheGet, cachePut } from "./cache";
import { capabilityMemory, type CapabilityMemory } from "./capabilities";
import { resolveRoles, type ResolvedRole, type RoleOption } from "./config";
import { abortReason, errorMessage, LlmRequestError, redact } from "./errors";
import { endpointId } from "./endpoint-lease";
import { endpointShare, type CallLimits, type LeaseTiming } from "./endpoint-share";
import { sharedLimiter, type RateLimits } from "./limiter";
import { createOfflineProvider } from "./offline";
import { requestHash } from "./hash";
import { estimateTokens, type Provider, type ProviderBatch, type ProviderChatRequest, type ProviderChatResponse } from "./provider";
import { createOpenAiProvider } from "./providers/openai";
import { DEFAULT_RETRY_POLICY, isUnreachable, rateLimitPauseMs, withRetries, type RetryPolicy } from "./retry";
import { chatResultSchema, LLM_ROLES, type CallContext, type ChatResult, type LlmRole, type Usage } from "./types";

// What every gateway call goes through: the role's provider and limits,
// retries, the response cache, and the LlmCall record.

export type GatewayOptions = {
  db: Db;
  /** Per-role settings over the environment and the saved settings; the only place a key may be given in code. */
  roles?: Partial<Record<LlmRole, RoleOption>>;
  fetch?: typeof fetch;
  retry?: Partial<RetryPolicy>;
  /** Default number of repair rounds for structured output. */
  maxRepairs?: number;
  /** How long an endpoint lease lasts and how often it is renewed (tests shorten them). */
  leaseTiming?: LeaseTiming;
  /** Chat requests of a run go through the endpoint's Batch API (lib/llm/batcher.ts); the offline provider answers at once. */
  batch?: BatchMode;
};

export type Role = { resolved: ResolvedRole; provider: Provider; limiter: CallLimits; endpoint: string };

export const cachedChatSchema = chatResultSchema.pick({
  text: true,
  reasoning: true,
  toolCalls: true,
  usage: true,
  model: true,
  finishReason: true,
  rawText: true,
});
export type CachedChat = z.infer<typeof cachedChatSchema>;
export const NO_USAGE: Usage = { promptTokens: 0, completionTokens: 0 };

/** The base URL as it may be stored and shown: no user:password, no query (where some proxies put keys). */
export function publicEndpoint(baseUrl: string): string {
  const url = new URL(baseUrl);
  url.username = "";
  url.password = "";
  url.search = "";
  return url.toString().replace(/\/$/, "");
}

/** One attempt's times: the endpoint's answer (latencyMs), waiting for the limits, and backing off before it. */
type AttemptTiming = { attempt: number; latencyMs: number; queuedMs: number; backoffMs: number };
const newTiming = (): AttemptTiming => ({ attempt: 1, latencyMs: 0, queuedMs: 0, backoffMs: 0 });

export function createPipeline(options: GatewayOptions) {
  const { db } = options;
  const ledger = new CallLedger(db);
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  let roles: Promise<Record<LlmRole, Role>> | undefined;

  const batchers = new Map<LlmRole, Batcher>();
  // Roles on one endpoint and model share what it was found to accept.
  const memories = new Map<string, CapabilityMemory>();

  /**
   * An endpoint (base URL + key) has one set of limits for every role on it: the
   * smallest concurrency and rates its roles were given (0 rates mean none).
   */
  function endpointLimits(all: ResolvedRole[]): Map<string, RateLimits> {
    const byEndpoint = new Map<string, RateLimits>();
    const smallest = (a: number, b: number) => (a === 0 ? b : b === 0 ? a : Math.min(a, b));
    for (const { config, apiKey } of all) {
      if (config.provider === "offline") continue;
      const id = endpointId(config.baseUrl, apiKey);
      const seen = byEndpoint.get(id);
      byEndpoint.set(
        id,
        seen
          ? {
              concurrency: Math.min(seen.concurrency, config.concurrency),
              requestsPerMinute: smallest(seen.requestsPerMinute, config.requestsPerMinute),
              tokensPerMinute: smallest(seen.tokensPerMinute, config.tokensPerMinute),
            }
          : { concurrency: config.concurrency, requestsPerMinute: config.requestsPerMinute, tokensPerMinute: config.tokensPerMinute },
      );
    }
    return byEndpoint;
  }

  function limitsFor(resolved: ResolvedRole, endpoint: string, shared: Map<string, RateLimits>): CallLimits {
    const { config } = resolved;
    if (config.provider === "offline") {
      const limiter = sharedLimiter(`${resolved.role}|offline|${config.model}`, config);
      return { acquire: (tokens, signal) => limiter.acquire(tokens, signal), pause: (ms) => limiter.pause(ms), observe: () => undefined };
    }
    const id = endpointId(config.baseUrl, resolved.apiKey);
    return endpointShare(db, { id, baseUrl: endpoint }, shared.get(id)!, options.leaseTiming);
  }

  function build(resolved: ResolvedRole, shared: Map<string, RateLimits>): Role {
    const { config } = resolved;
    const endpoint = config.provider === "offline" ? "offline" : publicEndpoint(config.baseUrl);
    const memoryKey = `${endpoint}|${config.model}`;
    if (config.provider !== "offline" && !memories.has(memoryKey)) memories.set(memoryKey, capabilityMemory(db, endpoint, config.model));
    const provider =
      config.provider === "offline"
        ? createOfflineProvider(config.model)
        : createOpenAiProvider({ config, apiKey: resolved.apiKey, fetch: options.fetch, capabilities: memories.get(memoryKey) });
    const limiter = limitsFor(resolved, endpoint, shared);
    return { resolved, provider, limiter, endpoint };
  }

  async function role(name: LlmRole): Promise<Role> {
    roles ??= resolveRoles(db, options.roles)
      .then((all) => {
        const shared = endpointLimits(Object.values(all));
        return Object.fromEntries(LLM_ROLES.map((r) => [r, build(all[r], shared)])) as Record<LlmRole, Role>;
      })
      .catch((e) => {
        roles = undefined; // a database hiccup must not break the gateway for good
        throw e;
      });
    return (await roles)[name];
  }

  function record(
    r: Role,
    hash: string,
    ctx: CallContext,
    fields: Pick<CallRecord, "usage" | "usageEstimated" | "latencyMs" | "status" | "error" | "priceAliases" | "attempt" | "queuedMs" | "backoffMs" | "batch">,
  ) {
    const { config } = r.resolved;
    return ledger.record({
      role: r.resolved.role,
      provider: config.provider,
      model: config.model,
      endpoint: r.endpoint,
      requestHash: hash,
      runId: ctx.runId,
      trajectoryId: ctx.trajectoryId,
      ...fields,
      error: fields.error === undefined ? undefined : redact(fields.error, r.resolved.apiKey),
    });
  }

  /**
   * One request through the role's limits, retried on trouble; failures become a recorded, key-free error.
   * Every attempt gets its LlmCall row: a retried one here, the last by the caller (success) or here (failure),
   * with `timing` telling the endpoint's time apart from time queued for the limits and backing off.
   */
  async function send<T extends { usage: Usage }>(
    r: Role,
    hash: string,
    ctx: CallContext,
    estimate: number,
    started: number,
    call: (signal?: AbortSignal) => Promise<T>,
    timing: AttemptTiming = newTiming(),
  ): Promise<T> {
    let attempts = 0;
    let lastEnd: number | null = null;
    try {
      return await withRetries(
        async () => {
          const begun = performance.now();
          timing.attempt = ++attempts;
          timing.backoffMs = lastEnd === null ? 0 : begun - lastEnd;
          const permit = await r.limiter.acquire(estimate, ctx.signal);
          const sent = performance.now();
          timing.queuedMs = sent - begun;
          try {
            const response = await call(ctx.signal);
            timing.latencyMs = performance.now() - sent;
            r.limiter.observe({ ok: true, latencyMs: timing.latencyMs });
            permit.release(response.usage.promptTokens + response.usage.completionTokens);
            return response;
          } catch (e) {
            lastEnd = performance.now();
            timing.latencyMs = lastEnd - sent;
            r.limiter.observe({ ok: false, status: e instanceof APIError ? e.status : undefined });
            // pause first, then free the slot: the next waiter must not go out into the same 429
            const pause = rateLimitPauseMs(e, policy);
            if (pause > 0) r.limiter.pause(pause);
            permit.release();
            throw e;
          }
        },
        policy,
        {
          signal: ctx.signal,
          onRetry: (e) => void record(r, hash, ctx, { usage: NO_USAGE, ...timing, status: "error", error: errorMessage(e) }).catch(() => undefined),
        },
      );
    } catch (e) {
      const error = ctx.signal?.aborted ? abortReason(ctx.signal) : requestError(r, e, attempts);
      const message = ctx.signal?.aborted ? `cancelled: ${errorMessage(error)}` : errorMessage(error);
      // The call's own error matters more than a failure to log it.
      await record(r, hash, ctx, {
        usage: NO_USAGE,
        ...(attempts ? timing : { latencyMs: 0, queuedMs: performance.now() - started }),
        status: "error",
        error: message,
      }).catch(() => undefined);
      throw error;
    }
  }

  function requestError(r: Role, e: unknown, attempts: number): LlmRequestError {
    const { config, role: roleName } = r.resolved;
    return new LlmRequestError(
      roleName,
      redact(
        `${roleName} call to ${config.model} at ${r.endpoint} failed after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${errorMessage(e)}`,
        r.resolved.apiKey,
      ),
      e instanceof APIError ? e.status : undefined,
      attempts,
      r.endpoint,
      isUnreachable(e),
      // No `cause`: the endpoint's error may quote the key, and causes get logged.
    );
  }

  function batcherFor(r: Role, api: ProviderBatch, mode: BatchMode): Batcher {
    const { role: name, config, apiKey } = r.resolved;
    let batcher = batchers.get(name);
    if (!batcher) batchers.set(name, (batcher = new Batcher(db, { role: name, endpoint: r.endpoint, api, apiKey, model: config.model }, mode, policy)));
    return batcher;
  }

  /** `complete` through the endpoint's Batch API: no limiter slot is held while the batch runs; the row says batch, priced at the discount. */
  async function completeInBatch(
    r: Role,
    api: ProviderBatch,
    mode: BatchMode,
    request: ProviderChatRequest,
    hash: string,
    ctx: CallContext,
    check?: (response: ProviderChatResponse) => string | undefined,
  ) {
    const prepared = await api.prepare(request);
    const customId = requestHash({ kind: "batch-line", model: r.resolved.config.model, body: prepared.body });
    const begun = performance.now();
    let response: ProviderChatResponse;
    try {
      response = prepared.read(await batcherFor(r, api, mode).request(customId, prepared.body, ctx.signal));
    } catch (e) {
      const error = ctx.signal?.aborted ? abortReason(ctx.signal) : e instanceof LlmRequestError ? e : requestError(r, e, 1);
      const message = redact(ctx.signal?.aborted ? `cancelled: ${errorMessage(error)}` : errorMessage(error), r.resolved.apiKey);
      await record(r, hash, ctx, { usage: NO_USAGE, latencyMs: performance.now() - begun, status: "error", error: message, batch: true }).catch(
        () => undefined,
      );
      throw error;
    }
    const problem = check?.(response);
    const costUsd = await record(r, hash, ctx, {
      usage: response.usage,
      usageEstimated: response.usageEstimated,
      latencyMs: performance.now() - begun,
      status: problem ? "error" : "ok",
      error: problem,
      priceAliases: [response.model],
      batch: true,
    });
    return { response, costUsd };
  }

  function toResult(r: Role, response: CachedChat, costUsd: number, started: number, cached: boolean): ChatResult {
    return { ...response, provider: r.resolved.config.provider, costUsd, latencyMs: performance.now() - started, cached };
  }

  /** Sends a chat request and records it; `check` turns a usable response into a recorded failure (invalid structured output). */
  async function complete(
    r: Role,
    request: ProviderChatRequest,
    hash: string,
    ctx: CallContext,
    started: number,
    check?: (response: ProviderChatResponse) => string | undefined,
  ) {
    if (options.batch && r.provider.batch) return completeInBatch(r, r.provider.batch, options.batch, request, hash, ctx, check);
    const estimate = request.messages.reduce((n, m) => n + estimateTokens(m.content ?? ""), 0);
    const timing = newTiming();
    const response = await send(r, hash, ctx, estimate, started, (signal) => r.provider.chat(request, signal), timing);
    const problem = check?.(response);
    const costUsd = await record(r, hash, ctx, {
      usage: response.usage,
      usageEstimated: response.usageEstimated,
      ...timing,
      status: problem ? "error" : "ok",
      error: problem,
      priceAliases: [response.model],
    });
    return { response, costUsd };
  }

  /** A cached response (recorded as a cache hit), unless caching is off or `usable` turns it down. */
  async function fromCache(
    r: Role,
    hash: string,
    ctx: CallContext,
    started: number,
    usable: (c: CachedChat) => boolean = () => true,
  ): Promise<CachedChat | null> {
    if (ctx.cache === false) return null;
    const parsed = cachedChatSchema.safeParse(await cacheGet(db, hash));
    if (!parsed.success || !usable(parsed.data)) return null;
    await record(r, hash, ctx, { usage: parsed.data.usage, latencyMs: performance.now() - started, status: "cached" });
    return parsed.data;
  }

  /** Stores responses in the cache; a failure only costs a later cache miss, never this call's answer. */
  async function remember(entries: { key: string; response: unknown }[]) {
    await cachePut(db, entries).catch((e: unknown) => console.error(`[llm] response cache write failed: ${errorMessage(e)}`));
  }

  function toCacheEntry(response: CachedChat): CachedChat {
    const { text, reasoning, toolCalls, usage, model, finishReason, rawText } = response;
    return { text, reasoning, toolCalls, usage, model, finishReason, ...(rawText !== undefined ? { rawText } : {}) };
  }

  return { role, record, send, complete, fromCache, remember, toResult, toCacheEntry, flush: () => ledger.flush() };
}
