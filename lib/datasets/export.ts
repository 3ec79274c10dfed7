import { finished } from "node:stream/promises";
import { z } from "zod";
import { createArtifact, deleteArtifact, putArtifact, type ArtifactWriter } from "../artifacts/store";
import type { Dataset, Db, Prisma } from "../db/client";
import { isTransientDbError } from "../db/errors";
import { renderCard } from "./card";
import type { Manifest } from "./manifest";
import { exportRelativeDir } from "./paths";
import { exportConfigSchema, type ExportConfig } from "./config";
import { countSelection, selectionWhereIn } from "./selection";
import { writeRecords, type WriteResult } from "./write-records";

export type ExportOptions = {
  runId?: string;
  signal?: AbortSignal;
  batchSize?: number;
  onProgress?: (selected: number) => Promise<void> | void;
};

/**
 * Writes the selected trajectories as the next version of dataset `name`:
 * train.jsonl (and validation.jsonl), manifest.json and README.md, streamed
 * into the artifact store (lib/artifacts) so any process can serve them. The
 * Dataset row gets its path only once every file is stored whole.
 */
export async function exportDataset(db: Db, input: z.input<typeof exportConfigSchema>, opts: ExportOptions = {}) {
  const config = exportConfigSchema.parse(input);
  const reserved = await reserveVersion(db, config, opts.runId);
  const relDir = exportRelativeDir(config.name, reserved.version);
  try {
    // what an earlier try of this run stored before it stopped
    for (const a of await db.artifact.findMany({ where: { datasetId: reserved.id }, select: { id: true } })) await deleteArtifact(db, a.id);
    const split = config.validationFraction > 0;
    const streams = {
      train: await createArtifact(db, { kind: "export", name: "train.jsonl", datasetId: reserved.id }),
      validation: split ? await createArtifact(db, { kind: "export", name: "validation.jsonl", datasetId: reserved.id }) : undefined,
    };
    const written = Object.values(streams).filter((s): s is ArtifactWriter => !!s);
    let result: WriteResult;
    try {
      result = await writeRecords(db, { ...config, batchSize: opts.batchSize, signal: opts.signal, onBatch: opts.onProgress }, streams);
    } catch (e) {
      for (const s of written) s.destroy();
      throw e;
    }
    await Promise.all(written.map(closeStream));
    const manifest = await buildManifest(db, config, reserved, result);
    const card = renderCard(manifest);
    await putArtifact(db, { kind: "export", name: "manifest.json", datasetId: reserved.id }, [`${JSON.stringify(manifest, null, 2)}\n`]);
    await putArtifact(db, { kind: "export", name: "README.md", datasetId: reserved.id }, [card]);
    const dataset = await db.dataset.update({
      where: { id: reserved.id },
      data: { path: relDir, count: result.written, manifest: manifest as unknown as Prisma.InputJsonValue, card },
    });
    return { dataset, manifest };
  } catch (e) {
    // a lost database resumes the run, which reuses the reserved version (and replaces its files)
    if (!isTransientDbError(e)) await db.dataset.delete({ where: { id: reserved.id } }).catch(() => {});
    throw e;
  }
}

async function closeStream(s: ArtifactWriter) {
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
      humanEdited: r.humanEdited.length,
      tasks: r.tasks,
    },
    sourceRuns: r.runs.map(([runId, count]) => ({ runId, kind: runKinds.get(runId) ?? null, count })),
    models: r.models.map(([model, count]) => ({ model, count })),
    providers: r.providers.map(([provider, count]) => ({ provider, count })),
    simulatorPrompts: r.simulatorPrompts,
    judgeConfigs: r.judgeConfigs,
    files: files.map(({ name, records, bytes, sha256 }) => ({ name, records, bytes, sha256 })),
    refused: r.refused,
    adjustments: r.adjustments.map(([code, records]) => ({ code, records })),
    records: r.humanEdited,
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
