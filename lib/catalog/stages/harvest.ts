import type { HarvestConfig } from "../config";
import { defineStage, type StageContext } from "../../jobs/types";
import { ensureBuiltinSources } from "../builtin-sources";
import { forEachConcurrent } from "../../jobs/concurrency";
import { harvestSource, type HarvestSummary } from "../harvest";
import { describeLocation } from "../import";

export function describeHarvest(done: HarvestSummary[], failed: number): string {
  const sum = (f: (s: HarvestSummary) => number) => done.reduce((n, s) => n + f(s), 0);
  return (
    `${done.length} source${done.length === 1 ? "" : "s"} harvested${failed ? `, ${failed} failed` : ""}: ` +
    `${sum((s) => s.created)} new tools, ${sum((s) => s.updated)} updated, ${sum((s) => s.unchanged)} unchanged, ${sum((s) => s.rejected.length)} rejected`
  );
}

export async function runHarvest(ctx: StageContext, config: HarvestConfig): Promise<void> {
  if (!config.sourceIds.length) await ensureBuiltinSources(ctx.db);
  const sources = await ctx.db.toolSource.findMany({
    where: { disabledAt: null, ...(config.sourceIds.length ? { id: { in: config.sourceIds } } : {}) },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
  await ctx.setTotal(sources.length);
  const done: HarvestSummary[] = [];
  await forEachConcurrent(
    sources,
    config.concurrency,
    async (source) => {
      await ctx.item(`source:${source.id}`, async () => {
        const summary = await harvestSource(ctx.db, source.id, { runId: ctx.run.id, signal: ctx.signal });
        for (const r of summary.rejected) await ctx.recordError(`${source.name}/${r.name ?? describeLocation(r.location)}`, `rejected: ${r.reason}`);
        for (const line of summary.unreadable) await ctx.recordError(source.name, line);
        done.push(summary);
        return source.id;
      });
    },
    ctx.signal,
  );
  await ctx.log(describeHarvest(done, sources.length - done.length));
}

export const harvestStage = defineStage({
  kind: "harvest",
  run: runHarvest,
});
