import type { StageContext } from "./types";

/**
 * Items of this run already done whose keys start with `prefix`. A stage
 * whose input shrinks as it works (the tools still to embed, still to judge)
 * adds them to its total when it resumes, so done never passes total.
 */
export async function doneItems(ctx: Pick<StageContext, "db" | "run">, prefix: string): Promise<number> {
  return ctx.db.runItem.count({ where: { runId: ctx.run.id, status: "done", key: { startsWith: prefix } } });
}
