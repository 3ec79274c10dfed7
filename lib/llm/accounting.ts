import { randomUUID } from "node:crypto";
import type { Db, LlmRole, ModelPrice, Prisma } from "../db/client";
import { isTransientDbError } from "../db/errors";
import type { Usage } from "./types";

export type CallStatus = "ok" | "error" | "cached";

export type CallRecord = {
  role: LlmRole;
  provider: string;
  model: string;
  /** The base URL: never the key. */
  endpoint: string;
  requestHash: string;
  usage: Usage;
  /** The endpoint reported no usage: `usage` is an estimate. */
  usageEstimated?: boolean;
  /** The endpoint's time for this attempt. */
  latencyMs: number;
  /** 1 for a request's first attempt; time waiting for the limits and backing off before it. */
  attempt?: number;
  queuedMs?: number;
  backoffMs?: number;
  status: CallStatus;
  error?: string;
  /** Sent through the endpoint's Batch API: priced at BATCH_PRICE_FACTOR of the model's price. */
  batch?: boolean;
  runId?: string;
  trajectoryId?: string;
  /** Other names the price may be listed under (the model the endpoint reported). */
  priceAliases?: string[];
};

type Price = Pick<ModelPrice, "inputPerMillionUsd" | "outputPerMillionUsd">;
type Row = Omit<Prisma.LlmCallCreateManyInput, "createdAt"> & { id: string; costUsd: number; at: number };

// Prices change by hand, rarely: a known price is reused and refreshed in the background after this long.
const PRICE_TTL_MS = 5_000;
const WRITE_ATTEMPTS = 3;
const WRITE_RETRY_MS = 500;
// Rows wait this long (or until this many are queued) to be written together.
const BATCH_DELAY_MS = 50;
const BATCH_SIZE = 500;

/** What a request sent through a Batch API costs, as a share of the model's price (OpenAI: half). */
export const BATCH_PRICE_FACTOR = 0.5;

export type Spend = { costUsd: number; tokens: number };

// What this process has recorded per run since it started, the moment each
// call is priced: a run's budget (lib/jobs/budget.ts) counts it before the
// rows are written, so a run against a fast endpoint cannot outrun its cap.
const recordedByRun = new Map<string, Spend>();

/** The spend this process has recorded for `runId` so far (it only grows). */
export function recordedSpend(runId: string): Spend {
  const s = recordedByRun.get(runId);
  return { costUsd: s?.costUsd ?? 0, tokens: s?.tokens ?? 0 };
}

export function costUsd(price: Price | null | undefined, usage: Usage): number {
  if (!price) return 0;
  return (usage.promptTokens * price.inputPerMillionUsd + usage.completionTokens * price.outputPerMillionUsd) / 1_000_000;
}

/**
 * Prices calls and writes their LlmCall rows and run counters. Writing is
 * behind the call: a durable commit per call costs more than the call itself
 * against a fast endpoint, so rows are written in batches (one insert, one
 * update per run) a few milliseconds later, one batch at a time, and batches
 * grow under load. A crash loses at most the rows of that moment.
 * `flush()` waits until everything recorded so far is stored.
 */
export class CallLedger {
  private queue: Row[] = [];
  private writing: Promise<void> | null = null;
  private writeNow: (() => void) | null = null;
  private failures: unknown[] = [];
  private prices = new Map<string, { price: Price | null; at: number; refreshing?: Promise<void> }>();

  constructor(private readonly db: Db) {}

  /** The call's cost, as soon as its price is known; the row is written shortly after. */
  async record(record: CallRecord): Promise<number> {
    const cached = record.status === "cached";
    const listed = cached ? 0 : costUsd(await this.priceOf([record.model, ...(record.priceAliases ?? [])]), record.usage);
    const cost = record.batch ? listed * BATCH_PRICE_FACTOR : listed;
    if (record.runId && !cached) {
      const s = recordedByRun.get(record.runId) ?? { costUsd: 0, tokens: 0 };
      s.costUsd += cost;
      s.tokens += record.usage.promptTokens + record.usage.completionTokens;
      recordedByRun.set(record.runId, s);
    }
    this.queue.push({
      id: randomUUID(),
      at: Date.now(),
      role: record.role,
      provider: record.provider,
      model: record.model,
      endpoint: record.endpoint,
      requestHash: record.requestHash,
      // A cache hit spent nothing: its row counts no tokens.
      promptTokens: cached ? 0 : record.usage.promptTokens,
      completionTokens: cached ? 0 : record.usage.completionTokens,
      latencyMs: Math.round(record.latencyMs),
      attempt: record.attempt ?? 1,
      queuedMs: Math.round(record.queuedMs ?? 0),
      backoffMs: Math.round(record.backoffMs ?? 0),
      costUsd: cost,
      status: record.status,
      error: record.error ?? null,
      cached,
      usageEstimated: !cached && Boolean(record.usageEstimated),
      batch: Boolean(record.batch),
      runId: record.runId ?? null,
      trajectoryId: record.trajectoryId ?? null,
    });
    this.writing ??= this.drain();
    if (this.queue.length >= BATCH_SIZE) this.writeNow?.();
    return cost;
  }

  /** Resolves once every call recorded so far is stored; rejects if some could not be. */
  async flush(): Promise<void> {
    while (this.writing) {
      this.writeNow?.();
      await this.writing;
    }
    const failures = this.failures.splice(0);
    if (failures.length) throw new AggregateError(failures, `LLM call accounting failed ${failures.length} time(s)`);
  }

  private async priceOf(names: string[]): Promise<Price | null> {
    const now = Date.now();
    const missing = names.filter((n) => !this.prices.has(n));
    try {
      if (missing.length) await this.loadPrices(missing, now);
    } catch (e) {
      // The answer is worth more than its price: the call goes on, unpriced, and the failure is reported.
      this.fail(e);
      return null;
    }
    for (const name of names) {
      const entry = this.prices.get(name)!;
      if (now - entry.at > PRICE_TTL_MS && !entry.refreshing) {
        entry.refreshing = this.loadPrices([name], now).catch(() => undefined);
      }
    }
    return names.map((n) => this.prices.get(n)?.price).find(Boolean) ?? null;
  }

  private async loadPrices(names: string[], now: number) {
    const rows = await this.db.modelPrice.findMany({ where: { model: { in: names } } });
    for (const name of names) this.prices.set(name, { price: rows.find((r) => r.model === name) ?? null, at: now });
  }

  private async drain(): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, BATCH_DELAY_MS);
      this.writeNow = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.writeNow = null;
    while (this.queue.length) {
      const batch = this.queue.splice(0);
      await this.write(batch);
    }
    this.writing = null;
  }

  private async write(batch: Row[]): Promise<void> {
    const stored = await this.retrying(() => this.insert(batch));
    if (stored?.length) await this.retrying(() => this.addToRuns(stored));
  }

  /** Retries a write while the database is briefly away; a lasting failure is logged and reported by flush(). */
  private async retrying<T>(write: () => Promise<T>): Promise<T | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await write();
      } catch (e) {
        if (!isTransientDbError(e) || attempt >= WRITE_ATTEMPTS) {
          this.fail(e);
          return undefined;
        }
        await new Promise((resolve) => setTimeout(resolve, WRITE_RETRY_MS * attempt));
      }
    }
  }

  private fail(e: unknown) {
    this.failures.push(e);
    console.error(`[llm] LLM call accounting failed: ${e instanceof Error ? e.message : String(e)}`);
  }

  /** One insert for the batch; if it fails (a run id that does not exist…), row by row so only the bad rows are lost. */
  private async insert(rows: Row[]): Promise<Row[]> {
    try {
      await this.insertRows(rows);
      return rows;
    } catch (e) {
      if (rows.length === 1 || isTransientDbError(e)) throw e;
      const stored: Row[] = [];
      for (const row of rows) {
        try {
          await this.insertRows([row]);
          stored.push(row);
        } catch (err) {
          this.fail(err);
        }
      }
      return stored;
    }
  }

  // Raw SQL because this is a bulk write: Prisma's createMany spends more CPU
  // per row than the call it records. One statement, one array per column.
  private async insertRows(rows: Row[]) {
    const column = <K extends keyof Row>(key: K) => rows.map((r) => r[key] ?? null);
    await this.db.$executeRaw`
      insert into "LlmCall" (id, role, provider, model, endpoint, "requestHash", "promptTokens", "completionTokens",
        "latencyMs", attempt, "queuedMs", "backoffMs", "costUsd", status, error, cached, "usageEstimated", batch, "runId", "trajectoryId", "createdAt")
      select id, role::"LlmRole", provider, model, endpoint, hash, prompt, completion, latency, attempt, queued, backoff, cost, status, error, cached, estimated,
        batch, run, trajectory, to_timestamp(at / 1000.0) at time zone 'UTC'
      from unnest(${column("id")}::text[], ${column("role")}::text[], ${column("provider")}::text[], ${column("model")}::text[],
        ${column("endpoint")}::text[], ${column("requestHash")}::text[], ${column("promptTokens")}::int[], ${column("completionTokens")}::int[],
        ${column("latencyMs")}::int[], ${column("attempt")}::int[], ${column("queuedMs")}::int[], ${column("backoffMs")}::int[],
        ${column("costUsd")}::float8[], ${column("status")}::text[], ${column("error")}::text[],
        ${column("cached")}::boolean[], ${column("usageEstimated")}::boolean[], ${column("batch")}::boolean[], ${column("runId")}::text[], ${column("trajectoryId")}::text[], ${rows.map((r) => r.at)}::float8[])
        as u(id, role, provider, model, endpoint, hash, prompt, completion, latency, attempt, queued, backoff, cost, status, error, cached, estimated, batch, run, trajectory, at)`;
  }

  private async addToRuns(rows: Row[]) {
    const byRun = new Map<string, { promptTokens: number; completionTokens: number; costUsd: number }>();
    for (const r of rows) {
      const promptTokens = r.promptTokens ?? 0;
      const completionTokens = r.completionTokens ?? 0;
      if (!r.runId || promptTokens + completionTokens + r.costUsd === 0) continue;
      const sum = byRun.get(r.runId) ?? { promptTokens: 0, completionTokens: 0, costUsd: 0 };
      sum.promptTokens += promptTokens;
      sum.completionTokens += completionTokens;
      sum.costUsd += r.costUsd;
      byRun.set(r.runId, sum);
    }
    await Promise.all(
      [...byRun].map(([id, sum]) =>
        this.db.run.updateMany({
          where: { id },
          data: { promptTokens: { increment: sum.promptTokens }, completionTokens: { increment: sum.completionTokens }, costUsd: { increment: sum.costUsd } },
        }),
      ),
    );
  }
}
