import { artifactInfo, ArtifactMissing, deleteArtifact, readArtifact } from "../../artifacts/store";
import { removeOrphanObjects } from "../../artifacts/s3";
import type { Db } from "../../db/client";
import { isTransientDbError } from "../../db/errors";
import { defineStage } from "../../jobs/types";
import { restartProgress } from "../stage-progress";
import { importTrajectories, type ImportSummary } from "../import/import";
import { readRecords } from "../import/read-records";
import { removeEndedUploads } from "../import/uploads";

export const importStage = defineStage({
  kind: "import",
  async run(ctx, config) {
    await removeEndedUploads(ctx.db);
    await removeOrphanObjects(ctx.db);
    try {
      await artifactInfo(ctx.db, config.artifactId).catch((e: unknown) => {
        throw e instanceof ArtifactMissing ? new ArtifactMissing(`The uploaded file ${config.name} is no longer stored: upload it again`) : e;
      });
      await restartProgress(ctx, await countRecords(ctx.db, config.artifactId));
      const summary = await importTrajectories(ctx.db, await readArtifact(ctx.db, config.artifactId), {
        runId: ctx.run.id,
        signal: ctx.signal,
        onProgress: (done, failed) => ctx.advance(done, failed),
        onError: (e) => ctx.recordError(e.where, e.message),
      });
      if (summary.records === 0) throw new Error(`The file ${config.name} holds no trajectory`);
      await ctx.log(importMessage(summary));
    } catch (e) {
      // a lost database leaves the run to be resumed, which reads the upload again
      if (!isTransientDbError(e)) await deleteArtifact(ctx.db, config.artifactId);
      throw e;
    }
    await deleteArtifact(ctx.db, config.artifactId);
  },
});

export function importMessage(s: ImportSummary): string {
  const dialects = Object.entries(s.dialects)
    .map(([d, n]) => `${n} ${d}`)
    .join(", ");
  return [
    `Imported ${s.imported} of ${s.records} records${dialects ? ` (${dialects})` : ""}`,
    s.alreadyImported ? `${s.alreadyImported} already in the studio (same content), not stored again` : null,
    s.failed ? `${s.failed} unreadable (see errors)` : null,
    s.undeclaredTools.length ? `undeclared tools flagged: ${s.undeclaredTools.join(", ")}` : null,
  ]
    .filter(Boolean)
    .join("; ");
}

/** How many records an upload holds, read once without keeping any (for the run's progress). */
async function countRecords(db: Db, artifactId: string): Promise<number> {
  let count = 0;
  for await (const record of readRecords(await readArtifact(db, artifactId))) if (record) count++;
  return count;
}
