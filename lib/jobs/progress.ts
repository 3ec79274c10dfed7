import type { Run } from "../db/client";
import { isParked } from "./budget-schema";
import { isEnded } from "./run-status";

export type RunProgress = {
  id: string;
  kind: string;
  status: string;
  total: number;
  done: number;
  failed: number;
  percent: number;
  /** items per second since the run started */
  rate: number | null;
  elapsedMs: number | null;
  etaMs: number | null;
  message: string | null;
  /** Why a paused run waits (its endpoint is down). */
  pausedReason: string | null;
  errors: { key: string; message: string; at: string }[];
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  budgetUsd: number | null;
  budgetTokens: number | null;
  /** Paused at a budget, worked by no one until a cap is raised or the UTC day turns. */
  parked: boolean;
  createdAt: string;
  cancelRequested: boolean;
};

/** What the Runs page shows of a run, derived from its row at `now`. */
export function runProgress(run: Run, now = Date.now()): RunProgress {
  const finished = run.done + run.failed;
  const end = run.finishedAt?.getTime() ?? now;
  const elapsedMs = run.startedAt ? Math.max(0, end - run.startedAt.getTime()) : null;
  const rate = elapsedMs && elapsedMs > 0 ? finished / (elapsedMs / 1000) : null;
  const remaining = Math.max(0, run.total - finished);
  return {
    id: run.id,
    kind: run.kind,
    status: run.status,
    total: run.total,
    done: run.done,
    failed: run.failed,
    percent: run.total > 0 ? Math.min(100, Math.round((finished / run.total) * 100)) : run.status === "succeeded" ? 100 : 0,
    rate,
    elapsedMs,
    etaMs: rate && rate > 0 && run.status === "running" ? (remaining / rate) * 1000 : null,
    message: run.message,
    pausedReason: run.pausedReason,
    errors: Array.isArray(run.errors) ? (run.errors as RunProgress["errors"]) : [],
    promptTokens: run.promptTokens,
    completionTokens: run.completionTokens,
    costUsd: run.costUsd,
    budgetUsd: run.budgetUsd,
    budgetTokens: run.budgetTokens,
    parked: isParked(run),
    createdAt: run.createdAt.toISOString(),
    cancelRequested: run.cancelRequested,
  };
}

// Import and export count lines, not RunItems: what failed there is unreadable input, which a retry cannot mend.
const COUNTS_ITS_OWN = new Set(["import", "export"]);

/** Whether a run can be sent back to the queue (retryFailedItems): it failed, ended with failed items, or was cancelled. */
export function canRetry(run: { kind: string; status: string; failed: number }): boolean {
  if (COUNTS_ITS_OWN.has(run.kind)) return false;
  return run.status === "cancelled" || run.status === "failed" || (isEnded(run.status) && run.failed > 0);
}
