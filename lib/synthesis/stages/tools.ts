import type { Db } from "../../db/client";
import type { ToolSynthesisConfig } from "../config";
import { defineStage, type StageContext } from "../../jobs/types";
import { callsInFlight, forEachConcurrent, stageLimits } from "../../jobs/concurrency";
import { batchModeOf, synthesisGateway } from "../gateway-factory";
import type { SynthesisGateway } from "../gateway";
import { percent, readSummary, setSummaryEntry } from "../run-summary";
import { synthesizeCategory, type CategoryStats } from "../tool-category";
import { catalogChecks } from "../catalog-checks";
import type { ToolChecks } from "../vetting";

type CategoryRow = { id: string; name: string; description: string };

export async function categoriesToGrow(db: Db, ids: string[]): Promise<CategoryRow[]> {
  const where = ids.length ? { id: { in: ids } } : { tools: { some: {} } };
  return db.category.findMany({ where, select: { id: true, name: true, description: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
}

/** Per-category targets: perCategory each, or the global total spread evenly (earlier categories take the remainder). */
export function categoryTargets(count: number, perCategory: number, total: number | null): number[] {
  const sum = Math.min(total ?? Infinity, count * perCategory);
  const base = Math.floor(sum / count);
  const extra = sum - base * count;
  return Array.from({ length: count }, (_, i) => base + (i < extra ? 1 : 0));
}

export function describeToolRun(stats: CategoryStats[]): string {
  const sum = (k: keyof Omit<CategoryStats, "name">) => stats.reduce((s, c) => s + c[k], 0);
  const generated = sum("generated");
  return (
    `${sum("accepted")} synthetic tools in ${stats.length} categories (target ${sum("target")}, ${sum("existing")} already there): ` +
    `${percent(sum("accepted"), generated)} of ${generated} candidates accepted, ` +
    `${percent(sum("duplicates"), generated)} duplicates, ${percent(sum("rejected"), generated)} failed the quality filter; ` +
    `${sum("calls")} generator calls`
  );
}

export async function runToolSynthesis(ctx: StageContext, config: ToolSynthesisConfig, deps: { gateway: SynthesisGateway; checks: ToolChecks }): Promise<void> {
  const categories = await categoriesToGrow(ctx.db, config.categoryIds);
  const targets = categoryTargets(categories.length, config.perCategory, config.total);
  await ctx.setTotal(categories.length);
  const { call, work } = stageLimits(config);
  const job = { db: ctx.db, gateway: deps.gateway, checks: deps.checks, runId: ctx.run.id, signal: ctx.signal, limit: call, settings: config };
  await forEachConcurrent(
    categories.map((c, i) => ({ category: c, target: targets[i] })),
    callsInFlight(config),
    async ({ category, target }) => {
      await work.run(() =>
        ctx.item(`category:${category.id}`, async () => {
          if (target === 0) return;
          const stats = await synthesizeCategory(job, category, target);
          await setSummaryEntry(ctx.db, ctx.run.id, "categories", category.id, stats);
        }),
      );
    },
    ctx.signal,
  );
  const summary = await readSummary<CategoryStats>(ctx.db, ctx.run.id, "categories");
  await ctx.log(describeToolRun(Object.values(summary)));
}

export const synthesizeToolsStage = defineStage({
  kind: "synthesize_tools",
  async run(ctx, config) {
    await runToolSynthesis(ctx, config, { gateway: synthesisGateway(ctx.db, batchModeOf(config, ctx.run.id)), checks: catalogChecks(config.thresholds) });
  },
});
