import { deleteArtifact } from "../../artifacts/store";
import type { Db } from "../../db/client";
import { isEnded } from "../../jobs/run-status";

// An upload (a file given to the studio to import, from the web or the CLI) is
// someone's data held only until its import run ends: the run removes it at
// its end, whatever the outcome (lib/datasets/stages/import.ts).

/** An upload still being written after this long was left by a writer that stopped. */
const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Removes the uploads whose import runs have all ended without running to
 * their end (an import cancelled while still queued never starts its stage),
 * and those a writer left unfinished a day ago. An upload no run names yet
 * (one still arriving) stays.
 */
export async function removeEndedUploads(db: Db, now = new Date()): Promise<string[]> {
  const uploads = await db.artifact.findMany({ where: { kind: "upload" }, select: { id: true, completedAt: true, createdAt: true } });
  const removed: string[] = [];
  for (const upload of uploads) {
    const runs = await db.run.findMany({ where: { kind: "import", config: { path: ["artifactId"], equals: upload.id } }, select: { status: true } });
    const abandoned = !upload.completedAt && runs.length === 0 && now.getTime() - upload.createdAt.getTime() > ABANDONED_AFTER_MS;
    if (!abandoned && (runs.length === 0 || !runs.every((r) => isEnded(r.status)))) continue;
    await deleteArtifact(db, upload.id);
    removed.push(upload.id);
  }
  return removed;
}
