import type { Db } from "../../db/client";
import { isTransientDbError } from "../../db/errors";
import { saveTrajectory } from "../../trajectory/store";
import { RecordError } from "../formats/errors";
import { readRecord, type Dialect } from "./detect";
import { parseJsonLine } from "./json-line";
import { readLines, type Line } from "./read-lines";
import { registerUndeclaredTools } from "./undeclared-tools";

export type LineError = { line: number; message: string };

export type ImportSummary = {
  lines: number;
  imported: number;
  /** lines a previous attempt of the same run had already imported */
  alreadyImported: number;
  failed: number;
  /** the first errors, by line (all of them are counted in `failed`) */
  errors: LineError[];
  dialects: Partial<Record<Dialect, number>>;
  undeclaredTools: string[];
};

export type ImportOptions = {
  runId: string;
  signal?: AbortSignal;
  batchSize?: number;
  /** called after each batch with the lines done and failed in it */
  onProgress?: (done: number, failed: number) => Promise<void> | void;
  onError?: (error: LineError) => Promise<void> | void;
};

const KEPT_ERRORS = 1000;

/**
 * Imports a JSONL stream of trajectories in any supported dialect, line by
 * line. Each line is stored in its own transaction (trajectory, messages and
 * undeclared tools together) or not at all; a line that cannot be read is
 * reported with its number and the rest go on. A line's episode key is
 * derived from the run and line number, so a resumed run skips what it stored.
 */
export async function importTrajectories(db: Db, source: AsyncIterable<Buffer | string>, opts: ImportOptions): Promise<ImportSummary> {
  const summary: ImportSummary = { lines: 0, imported: 0, alreadyImported: 0, failed: 0, errors: [], dialects: {}, undeclaredTools: [] };
  const undeclared = new Set<string>();
  let batch: Line[] = [];

  const flush = async () => {
    opts.signal?.throwIfAborted();
    const keys = batch.map((l) => episodeKey(opts.runId, l.lineNo));
    const existing = new Set(
      (await db.trajectory.findMany({ where: { episodeKey: { in: keys } }, select: { episodeKey: true } })).map((t) => t.episodeKey),
    );
    let done = 0;
    let failed = 0;
    for (const line of batch) {
      summary.lines++;
      if (existing.has(episodeKey(opts.runId, line.lineNo))) {
        summary.alreadyImported++;
        done++;
        continue;
      }
      try {
        const stored = await importLine(db, line, opts.runId);
        summary.imported++;
        summary.dialects[stored.dialect] = (summary.dialects[stored.dialect] ?? 0) + 1;
        stored.undeclared.forEach((n) => undeclared.add(n));
        done++;
      } catch (e) {
        if (isTransientDbError(e)) throw e;
        const error = { line: line.lineNo, message: lineErrorMessage(e) };
        summary.failed++;
        failed++;
        if (summary.errors.length < KEPT_ERRORS) summary.errors.push(error);
        await opts.onError?.(error);
      }
    }
    batch = [];
    await opts.onProgress?.(done, failed);
  };

  for await (const line of readLines(source)) {
    batch.push(line);
    if (batch.length >= (opts.batchSize ?? 100)) await flush();
  }
  if (batch.length) await flush();
  summary.undeclaredTools = [...undeclared].sort();
  return summary;
}

export function episodeKey(runId: string, lineNo: number) {
  return `import:${runId}:${lineNo}`;
}

// Past these a line is refused before anything is stored: a 10 MB line can
// hold 300 000 messages or 100 000 tool names, one row each, which would hold
// a worker for minutes and flood the catalogue with undeclared tools.
export const MAX_MESSAGES = 5_000;
export const MAX_UNDECLARED_TOOLS = 200;

async function importLine(db: Db, line: Line, runId: string) {
  if ("error" in line) throw new RecordError(line.error);
  const record = parseJsonLine(line.text);
  const { dialect, doc } = readRecord(record);
  const undeclared = doc.tools.filter((t) => t.undeclared).map((t) => t.name);
  if (doc.messages.length > MAX_MESSAGES) throw new RecordError(`${doc.messages.length} messages: at most ${MAX_MESSAGES} are imported`);
  if (undeclared.length > MAX_UNDECLARED_TOOLS) throw new RecordError(`calls ${undeclared.length} tools it never declares: at most ${MAX_UNDECLARED_TOOLS}`);
  await db.$transaction(async (tx) => {
    const tools = await registerUndeclaredTools(tx, doc.tools, runId);
    await saveTrajectory(tx as Db, { ...doc, tools }, {
      imported: true,
      runId,
      episodeKey: episodeKey(runId, line.lineNo),
      model: typeof record.model === "string" ? record.model : "",
      tags: ["imported", dialect, ...(undeclared.length ? ["undeclared-tools"] : [])],
    });
  });
  return { dialect, undeclared };
}

function lineErrorMessage(e: unknown): string {
  if (e instanceof RecordError) return e.message;
  const message = e instanceof Error ? e.message : String(e);
  // Database refusals (a NUL character in text, say) are about this line's data.
  const last = message.trim().split("\n").pop() ?? message;
  return `could not be stored: ${last}`;
}
