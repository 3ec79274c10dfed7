import type { Prisma } from "../../db/client";
import { doneItems } from "../../jobs/done-items";
import type { QualityStageConfig } from "../config";
import { defineStage, type StageContext } from "../../jobs/types";
import { forEachConcurrent } from "../../jobs/concurrency";
import { catalogGateway, type CatalogGateway } from "../gateway";
import { assessTool, isOverruled, saveQualities, type QualityAssessment } from "../quality";

export async function runQuality(ctx: StageContext, config: QualityStageConfig, gateway: CatalogGateway | null): Promise<void> {
  const where: Prisma.ToolWhereInput = { origin: { in: config.origins }, ...(config.scope === "pending" ? { quality: "pending" } : {}) };
  const tools = (await ctx.db.tool.findMany({ where, orderBy: { key: "asc" } })).filter((t) => !isOverruled(t.qualityReasons));
  const batches = Array.from({ length: Math.ceil(tools.length / config.batchSize) }, (_, i) => tools.slice(i * config.batchSize, (i + 1) * config.batchSize));
  // with scope "pending", a resumed run no longer sees the tools it judged: its items done so far still count
  await ctx.setTotal(batches.length + (config.scope === "pending" ? await doneItems(ctx, "quality:") : 0));
  let accepted = 0;
  let rejected = 0;
  const llm = config.llm && gateway ? { gateway, runId: ctx.run.id, signal: ctx.signal } : undefined;
  for (const batch of batches) {
    // batches, not single tools, are the items: at 20,000 tools the bookkeeping per item would cost more than the checks
    await ctx.item(`quality:${batch[0].id}:${batch.length}`, async () => {
      const assessments = new Array<QualityAssessment>(batch.length);
      await forEachConcurrent(
        batch,
        llm ? config.concurrency : 1,
        async (tool, i) => void (assessments[i] = await assessTool(tool, config.thresholds, llm)),
        ctx.signal,
      );
      if (ctx.signal.aborted) throw new Error("cancelled");
      await saveQualities(
        ctx.db,
        batch.map((t) => t.id),
        assessments,
      );
      accepted += assessments.filter((a) => a.accepted).length;
      rejected += assessments.filter((a) => !a.accepted).length;
    });
  }
  await ctx.log(`${accepted} tools accepted, ${rejected} rejected${llm ? " (rules and the judge role)" : " (rules)"}`);
}

export const qualityStage = defineStage({
  kind: "quality",
  run: (ctx, config) => runQuality(ctx, config, config.llm ? catalogGateway(ctx.db) : null),
});
