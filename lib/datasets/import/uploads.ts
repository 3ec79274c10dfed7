import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import type { Db } from "../../db/client";
import { isEnded } from "../../jobs/run-status";
import { dataDir, IMPORTS_DIR, resolveInDataDir } from "../paths";

// An upload (a file the studio put in imports/, from the web or the CLI) is
// someone's data held only until its import run ends: the run removes it at
// its end, whatever the outcome. Files elsewhere in the data folder, imported
// in place, are the owner's and stay.

/** Whether `rel` (a run's path, relative to the data folder) is an upload. */
export function isUpload(rel: string, root = dataDir()): boolean {
  const full = resolveInDataDir(rel, root);
  return path.dirname(path.relative(path.resolve(root), full)) === IMPORTS_DIR;
}

export async function removeUpload(rel: string, root = dataDir()): Promise<void> {
  if (isUpload(rel, root)) await rm(resolveInDataDir(rel, root), { force: true });
}

/**
 * Removes the uploads whose import runs have all ended without running to
 * their end (an import cancelled while still queued never starts its stage).
 * A file no run names yet (an upload still arriving) stays.
 */
export async function removeEndedUploads(db: Db, root = dataDir()): Promise<string[]> {
  const names = await readdir(path.join(root, IMPORTS_DIR)).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return [];
    throw e;
  });
  const removed: string[] = [];
  for (const name of names) {
    const rel = path.join(IMPORTS_DIR, name);
    const runs = await db.run.findMany({ where: { kind: "import", config: { path: ["path"], equals: rel } }, select: { status: true } });
    if (runs.length === 0 || !runs.every((r) => isEnded(r.status))) continue;
    await removeUpload(rel, root);
    removed.push(rel);
  }
  return removed;
}
