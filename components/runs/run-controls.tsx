"use client";

import { canRetry, type RunProgress } from "@/lib/jobs/progress";
import { isEnded } from "@/lib/jobs/run-status";
import { Button } from "@/components/ui/button";
import { BudgetForm, type SetBudget } from "./budget-form";

export type RunAction = (runId: string) => Promise<{ ok: boolean; error?: string }>;

/** Cancel, retry or resume, and raise the budget of a parked run: the same controls on the Runs list and a run's own page. */
export function RunControls({
  run,
  pending,
  act,
  cancel,
  retry,
  setBudget,
  budgetDone,
}: {
  run: RunProgress;
  pending: boolean;
  act: (action: RunAction, runId: string, failure: string) => void;
  cancel: RunAction;
  retry: RunAction;
  setBudget: SetBudget;
  budgetDone: (error: string | null) => void;
}) {
  return (
    <>
      {!isEnded(run.status) && (
        <Button variant="danger" disabled={pending || run.cancelRequested} onClick={() => act(cancel, run.id, "Could not cancel")}>
          {run.cancelRequested ? "Cancelling…" : "Cancel"}
        </Button>
      )}
      {canRetry(run) && (
        <Button variant="secondary" disabled={pending} onClick={() => act(retry, run.id, run.status === "cancelled" ? "Could not resume" : "Could not retry")}>
          {run.status === "cancelled" ? "Resume" : run.failed > 0 ? `Retry failed (${run.failed})` : "Retry"}
        </Button>
      )}
      {run.parked && <BudgetForm runId={run.id} usd={run.budgetUsd} tokens={run.budgetTokens} save={setBudget} done={budgetDone} />}
    </>
  );
}
