import { stat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Db } from "../db/client";
import { manifestSchema, type Manifest } from "./manifest";
import { dataDir, resolveInDataDir } from "./paths";

export const datasetFileSchema = z.enum(["train.jsonl", "validation.jsonl", "manifest.json", "README.md"]);
export type DatasetFile = z.infer<typeof datasetFileSchema>;

const CONTENT_TYPES: Record<DatasetFile, string> = {
  "train.jsonl": "application/x-ndjson; charset=utf-8",
  "validation.jsonl": "application/x-ndjson; charset=utf-8",
  "manifest.json": "application/json; charset=utf-8",
  "README.md": "text/markdown; charset=utf-8",
};

export type DatasetVersion = {
  id: string;
  name: string;
  version: number;
  format: string;
  count: number;
  createdAt: Date;
  runId: string | null;
  /** null while the export run is still writing */
  manifest: Manifest | null;
  card: string;
  files: DatasetFile[];
};

/** Every dataset version, newest first, with what can be downloaded of it. */
export async function listDatasets(db: Db, take = 100): Promise<DatasetVersion[]> {
  const rows = await db.dataset.findMany({ orderBy: [{ createdAt: "desc" }, { version: "desc" }], take });
  return rows.map((d) => {
    const manifest = d.path ? manifestSchema.safeParse(d.manifest) : null;
    const m = manifest?.success ? manifest.data : null;
    const files: DatasetFile[] = m ? [...m.files.map((f) => f.name as DatasetFile), "manifest.json", "README.md"] : [];
    return { id: d.id, name: d.name, version: d.version, format: d.format, count: d.count, createdAt: d.createdAt, runId: d.runId, manifest: m, card: d.card, files };
  });
}

/** Where one file of a finished dataset version is on disk, or null when there is no such file. */
export async function datasetFilePath(db: Db, id: string, file: DatasetFile, root = dataDir()) {
  const d = await db.dataset.findUnique({ where: { id }, select: { path: true, name: true, version: true } });
  if (!d?.path) return null;
  const full = resolveInDataDir(path.join(d.path, file), root);
  const info = await stat(full).catch(() => null);
  if (!info?.isFile()) return null;
  return { path: full, size: info.size, contentType: CONTENT_TYPES[file], downloadName: `${d.name}-v${d.version}-${file}` };
}
