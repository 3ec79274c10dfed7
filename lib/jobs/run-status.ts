import type { RunStatus } from "../db/client";

/** A run in one of these has ended: no worker works it (a resumed run is queued again). */
export const ENDED_STATUSES = ["succeeded", "partial", "failed", "cancelled"] as const satisfies readonly RunStatus[];
/** Queued, being worked, or waiting for its endpoint. */
export const ACTIVE_STATUSES = ["queued", "running", "paused"] as const satisfies readonly RunStatus[];

export function isEnded(status: string): boolean {
  return (ENDED_STATUSES as readonly string[]).includes(status);
}

/** How a run that worked all its items ended: failed items make it partial, all of them failed. */
export function outcome(run: { done: number; failed: number }): { status: "succeeded" | "partial" | "failed"; message: string | null } {
  if (run.failed === 0) return { status: "succeeded", message: null };
  if (run.done === 0) return { status: "failed", message: `all ${run.failed} item${run.failed === 1 ? "" : "s"} failed` };
  return { status: "partial", message: `${run.failed} of ${run.done + run.failed} items failed` };
}
