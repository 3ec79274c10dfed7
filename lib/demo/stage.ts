import type { Db, Prisma } from "../db/client";
import { workChildRun, type RunChild } from "../jobs/child-run";
import { defineStage } from "../jobs/types";
import { demoPlan } from "./plan";

/** The providers and models the demo's child runs called, from their LLM call log. */
async function madeBy(db: Db, demoRunId: string): Promise<string> {
  const children = await db.run.findMany({ where: { parentRunId: demoRunId }, select: { id: true } });
  const used = await db.llmCall.groupBy({
    by: ["provider", "model", "endpoint"],
    where: { runId: { in: children.map((c) => c.id) }, status: { not: "cached" } },
    orderBy: { provider: "asc" },
  });
  if (used.length === 0) return "no model calls (every answer came from the cache or none was needed)";
  return used.map((u) => (u.provider === "offline" ? `the offline provider (${u.model})` : `${u.model} at ${u.endpoint}`)).join(", ");
}

/**
 * Builds the demo workspace by running each pipeline stage in turn as a run of
 * its own (so each shows on the Runs page), inside this worker. A resumed demo
 * skips the steps that finished and resumes the one that was in flight.
 * `runChild` works a queued run to its end in this process (the worker's executeRun).
 */
export function createDemoStage(runChild: RunChild) {
  return defineStage({
    kind: "demo",
    async run(ctx, config) {
      const steps = demoPlan(config.seed);
      await ctx.setTotal(steps.length);
      for (const [i, step] of steps.entries()) {
        const childId = await ctx.item(`step-${i}-${step.kind}`, async () => {
          await ctx.log(step.title);
          const child =
            (await ctx.db.run.findFirst({ where: { parentRunId: ctx.run.id, parentStep: i } })) ??
            (await ctx.db.run.create({
              data: {
                kind: step.kind,
                config: step.config as Prisma.InputJsonValue,
                parentRunId: ctx.run.id,
                parentStep: i,
                createdById: ctx.run.createdById,
              },
            }));
          await workChildRun(ctx, child, runChild);
          const done = await ctx.db.run.findUniqueOrThrow({ where: { id: child.id } });
          if (done.status !== "succeeded") throw new Error(`${step.title}: ${done.status}${done.message ? ` (${done.message})` : ""}`);
          return child.id;
        });
        // the next steps build on this one: stop here (retrying the demo resumes from this step)
        if (childId === null) throw new Error(`stopped after step ${i + 1} of ${steps.length} (${step.title}) failed; retry the demo to resume it`);
      }
      await ctx.log(`Demo workspace ready: made by ${await madeBy(ctx.db, ctx.run.id)}`);
    },
  });
}
