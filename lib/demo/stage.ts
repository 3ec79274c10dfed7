import { z } from "zod";
import type { Prisma } from "../db/client";
import { defineStage } from "../jobs/types";
import { executeRun } from "../jobs/worker";
import { demoPlan } from "./plan";

/**
 * Builds the demo workspace by running each pipeline stage in turn as a run of
 * its own (so each shows on the Runs page), inside this worker. A resumed demo
 * skips the steps that finished and resumes the one that was in flight.
 */
export const demoStage = defineStage({
  kind: "demo",
  title: "Demo workspace",
  config: z.object({ seed: z.number().int().min(0).default(7) }),
  async run(ctx, config) {
    const steps = demoPlan(config.seed);
    await ctx.setTotal(steps.length);
    for (const [i, step] of steps.entries()) {
      await ctx.item(`step-${i}-${step.kind}`, async () => {
        await ctx.log(step.title);
        const child =
          (await ctx.db.run.findFirst({
            where: { AND: [{ config: { path: ["demoRunId"], equals: ctx.run.id } }, { config: { path: ["demoStep"], equals: i } }] },
          })) ??
          (await ctx.db.run.create({
            data: { kind: step.kind, config: { ...step.config, demoRunId: ctx.run.id, demoStep: i } as Prisma.InputJsonValue, createdById: ctx.run.createdById },
          }));
        const cancelChild = () => void ctx.db.run.update({ where: { id: child.id }, data: { cancelRequested: true } }).catch(() => {});
        ctx.signal.addEventListener("abort", cancelChild, { once: true });
        try {
          await executeRun(ctx.db, child.id);
        } finally {
          ctx.signal.removeEventListener("abort", cancelChild);
        }
        const done = await ctx.db.run.findUniqueOrThrow({ where: { id: child.id } });
        if (done.status !== "succeeded") throw new Error(`${step.title}: ${done.status}${done.message ? ` (${done.message})` : ""}`);
        return child.id;
      });
    }
    await ctx.log("Demo workspace ready: made by the offline provider");
  },
});
