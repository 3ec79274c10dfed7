import { setTimeout as sleep } from "node:timers/promises";
import { defineStage } from "./types";

// A stage that does nothing but count: it proves the queue, progress and
// cancellation end to end, and is handy for trying the Runs page.
export const noopStage = defineStage({
  kind: "noop",
  async run(ctx, config) {
    await ctx.setTotal(config.steps);
    for (let i = 0; i < config.steps; i++) {
      await ctx.item(`step-${i}`, async () => {
        await sleep(config.delayMs, undefined, { signal: ctx.signal });
        if (config.failAt.includes(i)) throw new Error(`step ${i} fails, as the run was asked`);
      });
    }
  },
});
