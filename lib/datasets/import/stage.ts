import { createReadStream } from "node:fs";
import { access } from "node:fs/promises";
import { isTransientDbError } from "../../db/errors";
import { defineStage } from "../../jobs/types";
import { resolveInDataDir } from "../paths";
import { restartProgress } from "../stage-progress";
import { importTrajectories, type ImportSummary } from "./import";
import { readRecords } from "./read-records";
import { removeEndedUploads, removeUpload } from "./uploads";

export const importStage = defineStage({
  kind: "import",
  async run(ctx, config) {
    const file = resolveInDataDir(config.path);
    await removeEndedUploads(ctx.db);
    try {
      await access(file).catch(() => {
        throw new Error(`The file ${config.path} does not exist in the data folder`);
      });
      await restartProgress(ctx, await countRecords(file));
      const summary = await importTrajectories(ctx.db, createReadStream(file), {
        runId: ctx.run.id,
        signal: ctx.signal,
        onProgress: (done, failed) => ctx.advance(done, failed),
        onError: (e) => ctx.recordError(e.where, e.message),
      });
      if (summary.records === 0) throw new Error(`The file ${config.path} holds no trajectory`);
      await ctx.log(importMessage(summary));
    } catch (e) {
      // a lost database leaves the run to be resumed, which reads the file again
      if (!isTransientDbError(e)) await removeUpload(config.path);
      throw e;
    }
    await removeUpload(config.path);
  },
});

export function importMessage(s: ImportSummary): string {
  const dialects = Object.entries(s.dialects).map(([d, n]) => `${n} ${d}`).join(", ");
  return [
    `Imported ${s.imported} of ${s.records} records${dialects ? ` (${dialects})` : ""}`,
    s.alreadyImported ? `${s.alreadyImported} already in the studio (same content), not stored again` : null,
    s.failed ? `${s.failed} unreadable (see errors)` : null,
    s.undeclaredTools.length ? `undeclared tools flagged: ${s.undeclaredTools.join(", ")}` : null,
  ]
    .filter(Boolean)
    .join("; ");
}

/** How many records a file holds, read once without keeping any (for the run's progress). */
async function countRecords(file: string): Promise<number> {
  let count = 0;
  for await (const record of readRecords(createReadStream(file))) if (record) count++;
  return count;
}
