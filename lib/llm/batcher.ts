import { z } from "zod";
import type { Db, LlmRole } from "../db/client";
import { abortReason, errorMessage, LlmRequestError, redact } from "./errors";
import type { BatchState, ProviderBatch } from "./provider";
import { isUnreachable, withRetries, type RetryPolicy } from "./retry";
import { sleep } from "./sleep";

// Batch mode: a run's requests to one role go out together through the
// endpoint's Batch API instead of one by one. Requests are gathered for a
// moment, uploaded as one JSONL file and submitted; the batch's id is stored
// (LlmBatch) with the requests it holds, so a restarted run polls the batch it
// already paid for instead of sending its requests again. Each waiting call
// is settled from its line in the output or error file, by `custom_id`.

export type BatchMode = {
  runId: string;
  /** The batch stays open this long after the latest request joined it (more may follow), at most `maxGatherMs` in all. */
  gatherMs?: number;
  maxGatherMs?: number;
  /** How often a submitted batch is asked how it is doing. */
  pollMs?: number;
  /** Most requests in one batch (OpenAI takes 50,000). */
  maxLines?: number;
};

const DEFAULTS = { gatherMs: 2_000, maxGatherMs: 30_000, pollMs: 30_000, maxLines: 50_000 };

/** Statuses after which a batch answers nothing more. */
const ENDED = new Set(["completed", "failed", "expired", "cancelled"]);

/** A request's line in the output or error file: the completion, or why there is none. */
export type BatchOutcome = { ok: true; completion: unknown } | { ok: false; reason: string; status?: number };

const resultLineSchema = z.object({
  custom_id: z.string(),
  response: z.object({ status_code: z.number(), body: z.unknown() }).nullish(),
  error: z.object({ code: z.string().nullish(), message: z.string().nullish() }).nullish(),
});

const errorBodySchema = z.object({ error: z.object({ message: z.string().nullish(), code: z.string().nullish() }) });

/** Reads a result file's lines into outcomes; a line that is not a result is skipped (the request then counts as unanswered). */
export function parseResultFile(text: string, into: Map<string, BatchOutcome>): void {
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    let parsed;
    try {
      parsed = resultLineSchema.safeParse(JSON.parse(line));
    } catch {
      continue;
    }
    if (!parsed.success) continue;
    const { custom_id: id, response, error } = parsed.data;
    if (response && response.status_code >= 200 && response.status_code < 300 && !error) {
      into.set(id, { ok: true, completion: response.body });
      continue;
    }
    const body = errorBodySchema.safeParse(response?.body);
    const reason = error?.message ?? (body.success ? body.data.error.message : null) ?? `status ${response?.status_code ?? "unknown"}`;
    const code = error?.code ?? (body.success ? body.data.error.code : null);
    into.set(id, { ok: false, reason: code ? `${reason} (${code})` : reason, status: response?.status_code });
  }
}

type Waiter = { resolve: (o: BatchOutcome | undefined) => void; reject: (e: unknown) => void };
type Known = { id: string; status: string; earlier: boolean };

export type BatcherTarget = { role: LlmRole; endpoint: string; api: ProviderBatch; apiKey?: string; model: string };

/** One role's batch mode for one run: gathers, submits, polls and settles. */
export class Batcher {
  private readonly mode: Required<BatchMode>;
  private known: Promise<Map<string, Known>> | null = null;
  private open = new Map<string, Record<string, unknown>>();
  private openedAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly waiters = new Map<string, Set<Waiter>>();
  private readonly polls = new Map<string, Promise<Map<string, BatchOutcome>>>();
  /** Outcomes of batches that had ended before this run was restarted, read once each. */
  private readonly ended = new Map<string, Promise<Map<string, BatchOutcome>>>();

  constructor(
    private readonly db: Db,
    private readonly target: BatcherTarget,
    mode: BatchMode,
    private readonly policy: RetryPolicy,
  ) {
    this.mode = { ...DEFAULTS, ...mode };
  }

  /** The completion the endpoint gave for `body` in a batch; a failed line rejects with its reason. */
  async request(customId: string, body: Record<string, unknown>, signal?: AbortSignal): Promise<unknown> {
    if (signal?.aborted) throw abortReason(signal);
    const known = (await this.loadKnown()).get(customId);
    if (known?.earlier && !ENDED.has(known.status)) {
      // Submitted before this run was restarted: wait for that batch.
      const outcome = await this.wait(customId, known.id, signal);
      if (outcome) return this.settle(outcome, known.id);
    } else if (known?.earlier && known.status === "completed") {
      const outcome = (await this.results(known.id)).get(customId);
      // A line that failed then is asked again now (this is a retry); an answered one is not paid for twice.
      if (outcome?.ok) return outcome.completion;
    }
    if (!this.open.has(customId) && !this.isPending(customId)) this.add(customId, body);
    const outcome = await this.wait(customId, null, signal);
    if (!outcome) throw this.error(`the batch holding the request gave no line for it`, undefined, false);
    return this.settle(outcome, null);
  }

  private settle(outcome: BatchOutcome, batchId: string | null): unknown {
    if (outcome.ok) return outcome.completion;
    throw this.error(`${batchId ? `batch ${batchId}: ` : ""}${outcome.reason}`, outcome.status, false);
  }

  private error(reason: string, status: number | undefined, unreachable: boolean) {
    const { role, model, endpoint, apiKey } = this.target;
    return new LlmRequestError(role, redact(`${role} batch request to ${model} at ${endpoint} failed: ${reason}`, apiKey), status, 1, endpoint, unreachable);
  }

  /** Requests waiting in a submitted batch of this batcher. */
  private isPending(customId: string): boolean {
    return (this.waiters.get(customId)?.size ?? 0) > 0 && !this.open.has(customId);
  }

  private loadKnown(): Promise<Map<string, Known>> {
    this.known ??= this.db.llmBatch
      .findMany({ where: { runId: this.mode.runId, role: this.target.role, endpoint: this.target.endpoint }, orderBy: { createdAt: "asc" } })
      .then((rows) => new Map(rows.flatMap((b) => b.customIds.map((id) => [id, { id: b.id, status: b.status, earlier: true }] as const))))
      .catch((e: unknown) => {
        this.known = null;
        throw e;
      });
    return this.known;
  }

  private add(customId: string, body: Record<string, unknown>) {
    if (this.open.size === 0) this.openedAt = performance.now();
    this.open.set(customId, body);
    if (this.open.size >= this.mode.maxLines) return void this.flush();
    const left = this.mode.maxGatherMs - (performance.now() - this.openedAt);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), Math.max(0, Math.min(this.mode.gatherMs, left)));
  }

  /** Waits for `customId`'s outcome; undefined when its batch ended without a line for it. Aborting stops this wait only. */
  private wait(customId: string, batchId: string | null, signal?: AbortSignal): Promise<BatchOutcome | undefined> {
    return new Promise<BatchOutcome | undefined>((resolve, reject) => {
      const set = this.waiters.get(customId) ?? new Set<Waiter>();
      this.waiters.set(customId, set);
      const onAbort = () => {
        done();
        if (set.size === 0) this.open.delete(customId); // nobody wants it any more: not sent
        reject(abortReason(signal!));
      };
      const done = () => {
        signal?.removeEventListener("abort", onAbort);
        set.delete(waiter);
        if (set.size === 0 && this.waiters.get(customId) === set) this.waiters.delete(customId);
      };
      const waiter: Waiter = {
        resolve: (o) => (done(), resolve(o)),
        reject: (e) => (done(), reject(e)),
      };
      set.add(waiter);
      signal?.addEventListener("abort", onAbort, { once: true });
      if (batchId) this.follow(batchId).catch((e: unknown) => waiter.reject(e));
    });
  }

  private async flush() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const lines = [...this.open].map(([customId, body]) => ({ customId, body }));
    this.open = new Map();
    if (!lines.length) return;
    const ids = lines.map((l) => l.customId);
    let batchId: string;
    try {
      await this.loadKnown();
      batchId = await this.call((signal) => this.target.api.submit(lines, signal));
      await this.db.llmBatch.create({
        data: { id: batchId, runId: this.mode.runId, role: this.target.role, endpoint: this.target.endpoint, customIds: ids, status: "validating" },
      });
    } catch (e) {
      this.fail(ids, e);
      return;
    }
    const known = await this.loadKnown();
    for (const id of ids) known.set(id, { id: batchId, status: "validating", earlier: false });
    await this.follow(batchId).catch((e: unknown) => this.fail(ids, e));
  }

  /** Polls the batch (once, however many ask) and settles the waiters of its requests from its files. */
  private async follow(batchId: string) {
    if (this.polls.has(batchId)) return;
    const known = await this.loadKnown();
    const ids = [...known].filter(([, k]) => k.id === batchId).map(([id]) => id);
    if (this.polls.has(batchId)) return;
    const polling = this.poll(batchId, ids);
    this.polls.set(batchId, polling);
    polling.then(
      (results) => {
        this.polls.delete(batchId);
        for (const id of ids) for (const w of [...(this.waiters.get(id) ?? [])]) w.resolve(results.get(id));
      },
      (e: unknown) => {
        this.polls.delete(batchId); // the next request for one of its lines polls again
        this.fail(ids, e);
      },
    );
  }

  /** The batch's outcomes by custom id, once it has ended. Stops (rejecting) when nobody waits for it any more. */
  private async poll(batchId: string, ids: string[]): Promise<Map<string, BatchOutcome>> {
    let status = "";
    for (;;) {
      const state = await this.call((signal) => this.target.api.retrieve(batchId, signal));
      if (state.status !== status) {
        status = state.status;
        await this.db.llmBatch.updateMany({ where: { id: batchId }, data: { status, outputFileId: state.outputFileId, errorFileId: state.errorFileId } });
        const known = await this.loadKnown();
        for (const id of ids) {
          const k = known.get(id);
          if (k?.id === batchId) k.status = status;
        }
      }
      if (ENDED.has(state.status)) return this.read(batchId, state);
      if (!ids.some((id) => (this.waiters.get(id)?.size ?? 0) > 0)) throw new BatchAbandoned(batchId);
      await sleep(this.mode.pollMs);
    }
  }

  /** The outcomes of an ended batch; requests it has no line for fail with the batch's status. */
  private async read(batchId: string, state: BatchState): Promise<Map<string, BatchOutcome>> {
    const results = new Map<string, BatchOutcome>();
    for (const fileId of [state.outputFileId, state.errorFileId]) {
      if (fileId) parseResultFile(await this.call((signal) => this.target.api.content(fileId, signal)), results);
    }
    if (state.status !== "completed") {
      const row = await this.db.llmBatch.findUnique({ where: { id: batchId }, select: { customIds: true } });
      for (const id of row?.customIds ?? []) if (!results.has(id)) results.set(id, { ok: false, reason: `the batch ${state.status} before answering it` });
    }
    return results;
  }

  private results(batchId: string): Promise<Map<string, BatchOutcome>> {
    let read = this.ended.get(batchId);
    if (!read) {
      read = this.db.llmBatch
        .findUniqueOrThrow({ where: { id: batchId } })
        .then((row) => this.read(batchId, { status: row.status, outputFileId: row.outputFileId, errorFileId: row.errorFileId }));
      this.ended.set(batchId, read);
      read.catch(() => this.ended.delete(batchId)); // asked again by the next request
    }
    return read;
  }

  /** A Batch API call, retried like any request; what still fails says whether the endpoint is down. */
  private async call<T>(fn: (signal?: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return await withRetries(() => fn(), this.policy);
    } catch (e) {
      if (e instanceof LlmRequestError) throw e;
      throw this.error(errorMessage(e), e instanceof Error && "status" in e && typeof e.status === "number" ? e.status : undefined, isUnreachable(e));
    }
  }

  private fail(ids: string[], e: unknown) {
    if (e instanceof BatchAbandoned) return;
    for (const id of ids) for (const w of [...(this.waiters.get(id) ?? [])]) w.reject(e);
  }
}

/** Nobody waits for the batch any more (its items were cancelled): it is left to the endpoint. */
class BatchAbandoned extends Error {
  constructor(batchId: string) {
    super(`nobody waits for batch ${batchId}`);
    this.name = "BatchAbandoned";
  }
}
