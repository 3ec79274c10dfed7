import type { Db, Run } from "../db/client";
import { canRetry } from "./progress";
import { reopenRun } from "./runs";

/** Works a queued run to its end in this process (the worker's executeRun). */
export type RunChild = (db: Db, runId: string) => Promise<void>;

/**
 * Works a child run inside its parent's stage: cancelling the parent cancels
 * the child, and a child that ended short (the parent was retried) has its
 * failed and unfinished items go again first.
 */
export async function workChildRun(ctx: { db: Db; signal: AbortSignal }, child: Run, runChild: RunChild): Promise<void> {
  const cancelChild = () => void ctx.db.run.update({ where: { id: child.id }, data: { cancelRequested: true } }).catch(() => {});
  ctx.signal.addEventListener("abort", cancelChild, { once: true });
  try {
    if (child.status !== "succeeded" && canRetry(child)) await reopenRun(ctx.db, child.id);
    await runChild(ctx.db, child.id);
  } finally {
    ctx.signal.removeEventListener("abort", cancelChild);
  }
}
