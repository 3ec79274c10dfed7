import { doneItems } from "../../jobs/done-items";
import type { EmbedStageConfig } from "../config";
import { defineStage, type StageContext } from "../../jobs/types";
import { markDuplicates } from "../dedup";
import { embedTools, toolsNeedingEmbedding } from "../embed";
import { catalogGateway, type CatalogGateway } from "../gateway";

export async function runEmbed(ctx: StageContext, config: EmbedStageConfig, gateway: CatalogGateway): Promise<void> {
  const tools = await toolsNeedingEmbedding(ctx.db);
  const batches = Array.from({ length: Math.ceil(tools.length / config.batchSize) }, (_, i) => tools.slice(i * config.batchSize, (i + 1) * config.batchSize));
  // a resumed run no longer sees the tools it embedded: its items done so far still count
  await ctx.setTotal(batches.length + (await doneItems(ctx, "embed:")) + 1);
  for (const batch of batches) {
    // the batch is named by its first tool: a resumed run finds the vectors already written and skips those tools anyway
    await ctx.item(`embed:${batch[0].id}:${batch.length}`, () => embedTools(ctx.db, gateway, batch, { runId: ctx.run.id, signal: ctx.signal }));
  }
  let message = "";
  await ctx.item("dedup", async () => {
    const s = await markDuplicates(ctx.db, config.dedup);
    message = `${tools.length} tools embedded; duplicates among ${s.tools} real tools: ${s.exact} exact, ${s.near} near`;
  });
  if (message) await ctx.log(message);
}

export const embedStage = defineStage({
  kind: "embed",
  run: (ctx, config) => runEmbed(ctx, config, catalogGateway(ctx.db)),
});
