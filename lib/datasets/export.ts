import { createWriteStream, type WriteStream } from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { finished } from "node:stream/promises";
import { z } from "zod";
import type { Dataset, Db, Prisma } from "../db/client";
import { isTransientDbError } from "../db/errors";
import { renderCard } from "./card";
import type { Manifest } from "./manifest";
import { dataDir, exportRelativeDir, PRIVATE_FILE, privateDir } from "./paths";
import { exportConfigSchema, type ExportConfig } from "./config";
import { countSelection, selectionWhereIn } from "./selection";
import { writeRecords, type WriteResult } from "./write-records";

export type ExportOptions = {
  runId?: string;
  /** defaults to STUDIO_DATA_DIR */
  root?: string;
  signal?: AbortSignal;
  batchSize?: number;
  onProgress?: (selected: number) => Promise<void> | void;
};

/**
 * Writes the selected trajectories as the next version of dataset `name`:
 * exports/<name>/v<version>/ with train.jsonl (and validation.jsonl),
 * manifest.json and README.md. Files are written under a temporary name and
 * moved into place whole; the Dataset row gets its path only then.
 */
export async function exportDataset(db: Db, input: z.input<typeof exportConfigSchema>, opts: ExportOptions = {}) {
  const config = exportConfigSchema.parse(input);
  const root = opts.root ?? dataDir();
  const reserved = await reserveVersion(db, config, opts.runId);
  const relDir = exportRelativeDir(config.name, reserved.version);
  // the data folder is chosen at run time: keep the bundler from tracing the project through it
  const finalDir = path.join(/*turbopackIgnore: true*/ root, relDir);
  const partial = `${finalDir}.partial`;
  try {
    await rm(partial, { recursive: true, force: true });
    await privateDir(partial, root);
    const split = config.validationFraction > 0;
    const streams = {
      train: createWriteStream(path.join(partial, "train.jsonl"), PRIVATE_FILE),
      validation: split ? createWriteStream(path.join(partial, "validation.jsonl"), PRIVATE_FILE) : undefined,
    };
    let result: WriteResult;
    try {
      result = await writeRecords(
        db,
        { ...config, batchSize: opts.batchSize, signal: opts.signal, onBatch: opts.onProgress },
        streams,
      );
    } finally {
      await Promise.all(Object.values(streams).filter((s): s is WriteStream => !!s).map(closeStream));
    }
    const manifest = await buildManifest(db, config, reserved, result);
    const card = renderCard(manifest);
    await writeFile(path.join(partial, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`, PRIVATE_FILE);
    await writeFile(path.join(partial, "README.md"), card, PRIVATE_FILE);
    await rm(finalDir, { recursive: true, force: true });
    await rename(partial, finalDir);
    const dataset = await db.dataset.update({
      where: { id: reserved.id },
      data: { path: relDir, count: result.written, manifest: manifest as unknown as Prisma.InputJsonValue, card },
    });
    return { dataset, manifest, dir: finalDir };
  } catch (e) {
    await rm(partial, { recursive: true, force: true }).catch(() => {});
    // a lost database resumes the run, which reuses the reserved version
    if (!isTransientDbError(e)) await db.dataset.delete({ where: { id: reserved.id } }).catch(() => {});
    throw e;
  }
}

async function closeStream(s: WriteStream) {
  s.end();
  await finished(s);
}

/** The next version number of `name`, held by a row without a path until the files are in place. */
async function reserveVersion(db: Db, config: ExportConfig, runId?: string): Promise<Dataset> {
  if (runId) {
    const mine = await db.dataset.findFirst({ where: { runId, name: config.name } });
    if (mine) return mine;
  }
  for (let attempt = 0; ; attempt++) {
    const last = await db.dataset.aggregate({ where: { name: config.name }, _max: { version: true } });
    try {
      return await db.dataset.create({
        data: { name: config.name, version: (last._max.version ?? 0) + 1, format: config.format, runId: runId ?? null },
      });
    } catch (e) {
      // two exports of the same name took the same number: take the next
      if ((e as { code?: string }).code !== "P2002" || attempt >= 5) throw e;
    }
  }
}

async function buildManifest(db: Db, config: ExportConfig, dataset: Dataset, r: WriteResult): Promise<Manifest> {
  const runKinds = new Map(
    (await db.run.findMany({ where: { id: { in: r.runs.map(([id]) => id) } }, select: { id: true, kind: true } })).map((x) => [x.id, x.kind]),
  );
  const files = [{ name: "train.jsonl", ...r.train }, ...(r.validation ? [{ name: "validation.jsonl", ...r.validation }] : [])];
  return {
    name: config.name,
    version: dataset.version,
    format: config.format,
    createdAt: new Date().toISOString(),
    filter: config.filter,
    split: config.validationFraction > 0 ? { validationFraction: config.validationFraction, seed: config.seed, by: "task" } : null,
    dedup: config.dedup,
    counts: {
      selected: r.selected,
      written: r.written,
      train: r.train.records,
      validation: r.validation?.records ?? 0,
      duplicatesDropped: r.duplicatesDropped,
      refused: r.refusedCount,
      imported: r.imported,
      tasks: r.tasks,
    },
    sourceRuns: r.runs.map(([runId, count]) => ({ runId, kind: runKinds.get(runId) ?? null, count })),
    models: r.models.map(([model, count]) => ({ model, count })),
    providers: r.providers.map(([provider, count]) => ({ provider, count })),
    judgeConfigs: r.judgeConfigs,
    files: files.map(({ name, records, bytes, sha256 }) => ({ name, records, bytes, sha256 })),
    refused: r.refused,
    adjustments: r.adjustments.map(([code, records]) => ({ code, records })),
    emptyBecause: r.written > 0 ? null : await whyEmpty(db, config, r),
  };
}

/** Why an export wrote nothing, in words a user can act on. */
async function whyEmpty(db: Db, config: ExportConfig, r: WriteResult): Promise<string> {
  if (r.refusedCount > 0) return `all ${r.selected} selected trajectories were refused as invalid ${config.format} records (see refused)`;
  if (r.selected > 0) return `all ${r.selected} selected trajectories were duplicates`;
  const { verdict, ...rest } = config.filter;
  const anyVerdict = await countSelection(db, { ...rest, verdict: "any" });
  if (verdict !== "any" && anyVerdict > 0) {
    const judged = await db.trajectory.count({ where: { ...(await selectionWhereIn(db, { ...rest, verdict: "any" })), effectiveVerdict: { not: null } } });
    return `no trajectory has the effective verdict "${verdict}": ${anyVerdict} match the rest of the filter, ${anyVerdict - judged} of them not yet judged or reviewed. Judge them, accept some in review, or export with verdict "any".`;
  }
  return "no trajectory matches the filter";
}
