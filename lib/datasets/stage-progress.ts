import type { StageContext } from "../jobs/types";

/**
 * Import and export count their units (lines, trajectories) themselves rather
 * than one RunItem each. A resumed attempt walks its input again from the
 * start, skipping what is stored, so it starts its counters again at zero.
 */
export async function restartProgress(ctx: StageContext, total: number): Promise<void> {
  await ctx.db.run.update({ where: { id: ctx.run.id }, data: { done: 0, failed: 0, errors: [], total } });
}
