import { createHash, type Hash } from "node:crypto";
import { once } from "node:events";
import type { Writable } from "node:stream";
import type { Db } from "../db/client";
import { staleResults } from "../review/correction-diff";
import { humanEdits } from "../review/corrections";
import { messagesHash } from "./conversation-view";
import type { FormatId } from "./formats";
import { exportRecord } from "./formats/export-record";
import type { Adjustment } from "./formats/types";
import { SimulatorPromptTally, Tally, type Manifest, type RecordNote } from "./manifest";
import type { Selection } from "./config";
import { selectedBatches } from "./selection";
import { inValidation, taskKey } from "./split";

export type WriteOptions = {
  filter: Selection;
  format: FormatId;
  dedup?: boolean;
  validationFraction?: number;
  seed?: string;
  batchSize?: number;
  signal?: AbortSignal;
  /** after each batch: how many selected trajectories it held (written or dropped) */
  onBatch?: (selected: number) => Promise<void> | void;
};

export type SinkStats = { records: number; bytes: number; sha256: string };

export const REFUSED_LISTED = 1000;

/** A trajectory that could not be a valid record of the format, and why. */
export type RefusedRecord = { trajectoryId: string; reasons: string[] };

export type WriteResult = {
  selected: number;
  written: number;
  refusedCount: number;
  /** the first REFUSED_LISTED refused trajectories, with their reasons */
  refused: RefusedRecord[];
  adjustments: [Adjustment, number][];
  duplicatesDropped: number;
  imported: number;
  tasks: { train: number; validation: number };
  train: SinkStats;
  validation: SinkStats | null;
  runs: [string, number][];
  models: [string, number][];
  providers: [string, number][];
  simulatorPrompts: Manifest["simulatorPrompts"];
  judgeConfigs: { configHash: string; judgeModel: string; promptVersion: string; judgements: number }[];
  /** the records written from a reviewer's correction instead of the original */
  humanEdited: RecordNote[];
};

export class Sink {
  records = 0;
  bytes = 0;
  private hash: Hash = createHash("sha256");
  private failure: Error | null = null;
  constructor(private stream: Writable) {
    // the stream's failure ends the export at the next write, not the process
    stream.on("error", (e) => (this.failure ??= e));
  }
  /** Resolves once the stream can take more: a slow reader slows the database reads, never fills memory. */
  async write(lines: string[]) {
    if (!lines.length) return;
    if (this.failure) throw this.failure;
    const chunk = lines.join("");
    this.records += lines.length;
    this.bytes += Buffer.byteLength(chunk);
    this.hash.update(chunk);
    if (!this.stream.write(chunk)) {
      // the wait that lost the race takes its listeners off, or every backpressured write would leave some behind
      const waited = new AbortController();
      await Promise.race([once(this.stream, "drain", { signal: waited.signal }), once(this.stream, "close", { signal: waited.signal })]).finally(() =>
        waited.abort(),
      );
    }
    if (this.failure) throw this.failure;
  }
  stats(): SinkStats {
    return { records: this.records, bytes: this.bytes, sha256: this.hash.copy().digest("hex") };
  }
}

/**
 * Streams the selected trajectories as JSONL records of one format into one
 * writable (a file, an HTTP response), or two when a validation split is asked
 * for. Holds one batch at a time, plus the hashes dedup needs and task ids.
 */
export async function writeRecords(db: Db, opts: WriteOptions, out: { train: Writable; validation?: Writable }): Promise<WriteResult> {
  const fraction = out.validation ? (opts.validationFraction ?? 0) : 0;
  const train = new Sink(out.train);
  const validation = out.validation ? new Sink(out.validation) : null;
  const seen = new Set<string>();
  const tasks = { train: new Set<string>(), validation: new Set<string>() };
  const runs = new Tally();
  const models = new Tally();
  const providers = new Tally();
  const simulatorPrompts = new SimulatorPromptTally();
  const judges = new Map<string, WriteResult["judgeConfigs"][number]>();
  let selected = 0;
  let duplicatesDropped = 0;
  let imported = 0;
  const refused: RefusedRecord[] = [];
  let refusedCount = 0;
  const adjustments = new Tally();
  const humanEdited: RecordNote[] = [];

  for await (const batch of selectedBatches(db, opts.filter, opts.batchSize)) {
    opts.signal?.throwIfAborted();
    const lines = { train: [] as string[], validation: [] as string[] };
    // a reviewer's latest correction is the version exported; a fork re-simulated from one holds the edit itself
    const edits = await humanEdits(
      db,
      batch.map((t) => t.id),
    );
    for (const t of batch) {
      const edit = edits.get(t.id);
      const doc = edit?.messages ? { ...t.doc, messages: edit.messages } : t.doc;
      if (opts.dedup) {
        const hash = messagesHash(doc);
        if (seen.has(hash)) {
          duplicatesDropped++;
          continue;
        }
        seen.add(hash);
      }
      const stale = edit?.messages ? staleResults(t.doc.messages, edit.messages) : [];
      const exported = stale.length ? { ok: false as const, reasons: stale } : exportRecord(opts.format, doc, t);
      if (!exported.ok) {
        if (++refusedCount <= REFUSED_LISTED) refused.push({ trajectoryId: t.id, reasons: exported.reasons });
        continue;
      }
      for (const a of exported.adjustments) adjustments.add(a);
      const side = validation && inValidation(taskKey(t), opts.seed ?? "", fraction) ? "validation" : "train";
      lines[side].push(exported.line);
      if (edit) {
        const sink = side === "train" ? train : validation!;
        humanEdited.push({
          file: `${side}.jsonl`,
          line: sink.records + lines[side].length,
          trajectoryId: t.id,
          correctionId: edit.correctionId,
          human_edited: true,
        });
      }
      if (t.taskId) tasks[side].add(t.taskId);
      if (t.runId) runs.add(t.runId);
      models.add(t.model);
      providers.add(t.provider);
      simulatorPrompts.add(t);
      if (t.imported) imported++;
    }
    await collectJudgeConfigs(
      db,
      batch.map((t) => t.id),
      judges,
    );
    await train.write(lines.train);
    await validation?.write(lines.validation);
    selected += batch.length;
    await opts.onBatch?.(batch.length);
  }

  return {
    selected,
    written: train.records + (validation?.records ?? 0),
    refusedCount,
    refused,
    adjustments: adjustments.entries() as [Adjustment, number][],
    duplicatesDropped,
    imported,
    tasks: { train: tasks.train.size, validation: tasks.validation.size },
    train: train.stats(),
    validation: validation?.stats() ?? null,
    runs: runs.entries(),
    models: models.entries(),
    providers: providers.entries(),
    simulatorPrompts: simulatorPrompts.entries(),
    judgeConfigs: [...judges.values()].sort((a, b) => b.judgements - a.judgements),
    humanEdited,
  };
}

async function collectJudgeConfigs(db: Db, ids: string[], into: Map<string, WriteResult["judgeConfigs"][number]>) {
  const groups = await db.judgement.groupBy({
    by: ["configHash", "judgeModel", "promptVersion"],
    where: { trajectoryId: { in: ids } },
    _count: { _all: true },
  });
  for (const g of groups) {
    const key = `${g.configHash}\u0000${g.judgeModel}\u0000${g.promptVersion}`;
    const entry = into.get(key) ?? { configHash: g.configHash, judgeModel: g.judgeModel, promptVersion: g.promptVersion, judgements: 0 };
    entry.judgements += g._count._all;
    into.set(key, entry);
  }
}
