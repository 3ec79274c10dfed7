import { removeOrphanObjects } from "../../artifacts/s3";
import { MAX_ERRORS } from "../../jobs/item-ledger";
import { defineStage } from "../../jobs/types";
import { exportDataset } from "../export";
import { countSelection } from "../selection";
import { restartProgress } from "../stage-progress";

export const exportStage = defineStage({
  kind: "export",
  async run(ctx, config) {
    const written = await ctx.db.dataset.findFirst({ where: { runId: ctx.run.id, path: { not: null } } });
    if (written) return; // this run finished its files before the worker stopped
    await removeOrphanObjects(ctx.db);
    await restartProgress(ctx, await countSelection(ctx.db, config.filter));
    const { manifest } = await exportDataset(ctx.db, config, {
      runId: ctx.run.id,
      signal: ctx.signal,
      onProgress: (n) => ctx.advance(n),
    });
    const c = manifest.counts;
    // the run shows the first refusals (it keeps MAX_ERRORS); the manifest lists more
    for (const r of manifest.refused.slice(0, MAX_ERRORS)) await ctx.recordError(r.trajectoryId, `refused: ${r.reasons.join("; ")}`);
    await ctx.log(
      `Wrote ${manifest.name} v${manifest.version}: ${c.written} records (${c.train} train, ${c.validation} validation)` +
        (manifest.dedup ? `, ${c.duplicatesDropped} duplicates dropped` : "") +
        (c.refused ? `, ${c.refused} trajectories refused as invalid ${manifest.format} records (reasons in the manifest)` : "") +
        (manifest.emptyBecause ? `. Nothing written: ${manifest.emptyBecause}` : ""),
    );
  },
});
