import { createHash } from "node:crypto";
import { Prisma, type Db } from "../../db/client";
import { isTransientDbError } from "../../db/errors";
import { saveTrajectory } from "../../trajectory/store";
import type { TrajectoryDoc } from "../../trajectory/types";
import { RecordError } from "../formats/errors";
import { readRecord, type Dialect } from "./detect";
import { parseJsonLine } from "./json-line";
import { keepObjectArgumentTexts } from "./raw-arguments";
import { readRecords, type SourceRecord } from "./read-records";
import { registerUndeclaredTools } from "./undeclared-tools";

/** A record that could not be imported: where it is in the file (`line 12`, `simulations[3]`) and why. */
export type RecordFailure = { where: string; message: string };

export type ImportSummary = {
  records: number;
  imported: number;
  /** records already in the studio: stored by an earlier import (same content) or earlier in this file */
  alreadyImported: number;
  failed: number;
  /** the first errors, in file order (all of them are counted in `failed`) */
  errors: RecordFailure[];
  dialects: Partial<Record<Dialect, number>>;
  undeclaredTools: string[];
};

export type ImportOptions = {
  runId: string;
  signal?: AbortSignal;
  batchSize?: number;
  /** called after each batch with the records done and failed in it */
  onProgress?: (done: number, failed: number) => Promise<void> | void;
  onError?: (error: RecordFailure) => Promise<void> | void;
};

const KEPT_ERRORS = 1000;

type Read = { record: SourceRecord; dialect: Dialect; doc: TrajectoryDoc; model: string; hash: string } | { record: SourceRecord; error: RecordError };

/**
 * Imports a trajectory file (JSON Lines or a whole JSON document, see
 * readRecords) record by record. Each record is stored in its own transaction
 * (trajectory, messages and undeclared tools together) or not at all; a record
 * that cannot be read is reported with where it is and the rest go on. A
 * trajectory carries the hash of its content, so importing the same file again
 * (or resuming this run) stores nothing twice.
 */
export async function importTrajectories(db: Db, source: AsyncIterable<Buffer | string>, opts: ImportOptions): Promise<ImportSummary> {
  const summary: ImportSummary = { records: 0, imported: 0, alreadyImported: 0, failed: 0, errors: [], dialects: {}, undeclaredTools: [] };
  const undeclared = new Set<string>();
  let batch: SourceRecord[] = [];

  const fail = async (where: string, message: string) => {
    const error = { where, message };
    summary.failed++;
    if (summary.errors.length < KEPT_ERRORS) summary.errors.push(error);
    await opts.onError?.(error);
  };

  const flush = async () => {
    opts.signal?.throwIfAborted();
    const read = batch.map(readOne);
    const hashes = read.flatMap((r) => ("hash" in r ? [r.hash] : []));
    const stored = new Set((await db.trajectory.findMany({ where: { contentHash: { in: hashes } }, select: { contentHash: true } })).map((t) => t.contentHash));
    let done = 0;
    let failed = 0;
    for (const r of read) {
      summary.records++;
      if ("error" in r) {
        failed++;
        await fail(r.record.where, r.error.message);
        continue;
      }
      if (stored.has(r.hash)) {
        summary.alreadyImported++;
        done++;
        continue;
      }
      try {
        const names = await storeOne(db, r, opts.runId);
        stored.add(r.hash);
        summary.imported++;
        summary.dialects[r.dialect] = (summary.dialects[r.dialect] ?? 0) + 1;
        names.forEach((n) => undeclared.add(n));
        done++;
      } catch (e) {
        if (isTransientDbError(e)) throw e;
        if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002" && (await db.trajectory.count({ where: { contentHash: r.hash } }))) {
          // another import stored the same trajectory a moment ago
          stored.add(r.hash);
          summary.alreadyImported++;
          done++;
          continue;
        }
        failed++;
        await fail(r.record.where, storeErrorMessage(e));
      }
    }
    batch = [];
    await opts.onProgress?.(done, failed);
  };

  for await (const record of readRecords(source)) {
    batch.push(record);
    if (batch.length >= (opts.batchSize ?? 100)) await flush();
  }
  if (batch.length) await flush();
  summary.undeclaredTools = [...undeclared].sort();
  return summary;
}

export function episodeKey(runId: string, recordNo: number) {
  return `import:${runId}:${recordNo}`;
}

/**
 * The hash that makes an import idempotent: the trajectory as the studio
 * stores it, tools and messages. A call's `sourceId` (what the file said when
 * the studio gave the call its id) is left out: it adds nothing to the
 * content, and hashes of trajectories imported before it was kept stay valid.
 */
export function contentHash(doc: TrajectoryDoc): string {
  const messages = doc.messages.map((m) => (m.toolCalls ? { ...m, toolCalls: m.toolCalls.map(({ sourceId: _sourceId, ...c }) => c) } : m));
  return createHash("sha256")
    .update(JSON.stringify({ tools: doc.tools, messages }))
    .digest("hex");
}

// Past these a line is refused before anything is stored: a 10 MB line can
// hold 300 000 messages or 100 000 tool names, one row each, which would hold
// a worker for minutes and flood the catalogue with undeclared tools.
export const MAX_MESSAGES = 5_000;
export const MAX_UNDECLARED_TOOLS = 200;

function readOne(record: SourceRecord): Read {
  try {
    if ("error" in record) throw new RecordError(record.error);
    const value = "text" in record ? parseJsonLine(record.text) : record.value;
    const { dialect, doc } = readRecord(value);
    if ("text" in record) keepObjectArgumentTexts(doc, dialect, value, record.text);
    const undeclared = doc.tools.filter((t) => t.undeclared).length;
    if (doc.messages.length > MAX_MESSAGES) throw new RecordError(`${doc.messages.length} messages: at most ${MAX_MESSAGES} are imported`);
    if (undeclared > MAX_UNDECLARED_TOOLS) throw new RecordError(`calls ${undeclared} tools it never declares: at most ${MAX_UNDECLARED_TOOLS}`);
    const model = value && typeof value === "object" && typeof (value as { model?: unknown }).model === "string" ? (value as { model: string }).model : "";
    return { record, dialect, doc, model, hash: contentHash(doc) };
  } catch (e) {
    if (e instanceof RecordError) return { record, error: e };
    throw e;
  }
}

async function storeOne(db: Db, r: Extract<Read, { doc: TrajectoryDoc }>, runId: string): Promise<string[]> {
  const undeclared = r.doc.tools.filter((t) => t.undeclared).map((t) => t.name);
  await db.$transaction(async (tx) => {
    const tools = await registerUndeclaredTools(tx, r.doc.tools, runId);
    await saveTrajectory(
      tx as Db,
      { ...r.doc, tools },
      {
        imported: true,
        runId,
        episodeKey: episodeKey(runId, r.record.no),
        contentHash: r.hash,
        model: r.model,
        tags: ["imported", r.dialect, ...(undeclared.length ? ["undeclared-tools"] : [])],
      },
    );
  });
  return undeclared;
}

function storeErrorMessage(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  // Database refusals (a NUL character in text, say) are about this record's data.
  const last = message.trim().split("\n").pop() ?? message;
  return `could not be stored: ${last}`;
}
