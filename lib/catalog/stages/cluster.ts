import type { ClusterStageConfig } from "../config";
import { defineStage, type StageContext } from "../../jobs/types";
import { assignTools, clusterCatalog, namer, removeStaleCategories, writeCategory } from "../categorize";
import { catalogGateway, type CatalogGateway } from "../gateway";

function required(id: string | null, what: string): string {
  if (!id) throw new Error(`${what} could not be written (see the run's errors)`);
  return id;
}

export async function runCluster(ctx: StageContext, config: ClusterStageConfig, gateway: CatalogGateway): Promise<void> {
  // deterministic: a resumed run computes the same clusters and finds its categories by item
  const result = await clusterCatalog(ctx.db, config);
  if (!result) {
    await ctx.log("No embedded tools: run the embed stage first");
    return;
  }
  const { clustering } = result;
  const batches = Math.ceil(result.tools.length / config.batchSize);
  await ctx.setTotal(clustering.domains.length + clustering.categories.length + batches + 1);
  const name = await namer(gateway, config.naming, {
    runId: ctx.run.id,
    signal: ctx.signal,
    seed: config.seed,
    onFallback: (reason) => ctx.recordError("naming", reason),
  });
  const domainIds: string[] = [];
  for (const [i, domain] of clustering.domains.entries()) {
    domainIds.push(required(await ctx.item(`domain:${i}`, () => writeCategory(ctx.db, result, domain, null, name)), `domain ${i}`));
  }
  const categoryIds: string[] = [];
  for (const [i, category] of clustering.categories.entries()) {
    const parent = category.parent === null ? null : domainIds[category.parent];
    categoryIds.push(required(await ctx.item(`category:${i}`, () => writeCategory(ctx.db, result, category, parent, name)), `category ${i}`));
  }
  for (let b = 0; b < batches; b++) {
    const indexes = Array.from({ length: Math.min(config.batchSize, result.tools.length - b * config.batchSize) }, (_, j) => b * config.batchSize + j);
    await ctx.item(`assign:${b}`, () => assignTools(ctx.db, result, indexes, categoryIds));
  }
  await ctx.item("cleanup", async () => {
    await removeStaleCategories(ctx.db, ctx.run.id);
  });
  await ctx.log(
    `${result.tools.length} tools in ${clustering.categories.length} categories${clustering.domains.length ? ` under ${clustering.domains.length} domains` : ""} (silhouette ${clustering.silhouette.toFixed(2)}); named by ${name.gateway ? "the generator role" : "their distinctive words"}`,
  );
}

export const clusterStage = defineStage({
  kind: "cluster",
  run: (ctx, config) => runCluster(ctx, config, catalogGateway(ctx.db)),
});
