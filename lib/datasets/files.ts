import { z } from "zod";
import type { Db } from "../db/client";
import { manifestSchema, type Manifest } from "./manifest";

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
    return {
      id: d.id,
      name: d.name,
      version: d.version,
      format: d.format,
      count: d.count,
      createdAt: d.createdAt,
      runId: d.runId,
      manifest: m,
      card: d.card,
      files,
    };
  });
}

/** One file of a finished dataset version in the artifact store, or null when there is no such file. */
export async function datasetFile(db: Db, id: string, file: DatasetFile) {
  const d = await db.dataset.findUnique({ where: { id }, select: { path: true, name: true, version: true } });
  if (!d?.path) return null;
  const a = await db.artifact.findUnique({ where: { datasetId_name: { datasetId: id, name: file } }, select: { id: true, bytes: true, completedAt: true } });
  if (!a?.completedAt) return null;
  return { artifactId: a.id, size: Number(a.bytes), contentType: CONTENT_TYPES[file], downloadName: `${d.name}-v${d.version}-${file}` };
}

/** The files of a finished dataset version, by name, in the artifact store. */
export async function datasetFiles(db: Db, id: string): Promise<{ name: string; artifactId: string }[]> {
  const rows = await db.artifact.findMany({ where: { datasetId: id, completedAt: { not: null } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
  return rows.map((r) => ({ name: r.name, artifactId: r.id }));
}
