"use client";

import { useState, useTransition } from "react";
import { canRetry, type RunProgress } from "@/lib/jobs/progress";
import type { RunRef, SetRunBudgetInput } from "@/lib/jobs/run-inputs";
import { isEnded } from "@/lib/jobs/run-status";
import type { Result } from "@/lib/actions/result";
import { Button } from "@/components/ui/button";
import { BudgetForm } from "./budget-form";

export type RunActions = {
  cancel: (input: RunRef) => Promise<Result>;
  retry: (input: RunRef) => Promise<Result>;
  setBudget: (input: SetRunBudgetInput) => Promise<Result>;
};

/** What the run controls of one list or page share: one action at a time, the last one's error, and `refresh` after each. */
export function useRunControls(actions: RunActions, refresh: () => unknown) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const act = (work: (a: RunActions) => Promise<Result>) =>
    start(async () => {
      const res = await work(actions);
      setError(res.ok ? null : res.error);
      await refresh();
    });
  return { pending, error, act };
}

export type RunControlsState = ReturnType<typeof useRunControls>;

/** Cancel, retry or resume, and raise the budget of a parked run: the same controls on the Runs list and a run's own page. */
export function RunControls({ run, controls: { pending, act } }: { run: RunProgress; controls: RunControlsState }) {
  const runId = run.id;
  return (
    <>
      {!isEnded(run.status) && (
        <Button variant="danger" disabled={pending || run.cancelRequested} onClick={() => act((a) => a.cancel({ runId }))}>
          {run.cancelRequested ? "Cancelling…" : "Cancel"}
        </Button>
      )}
      {canRetry(run) && (
        <Button variant="secondary" disabled={pending} onClick={() => act((a) => a.retry({ runId }))}>
          {run.status === "cancelled" ? "Resume" : run.failed > 0 ? `Retry failed (${run.failed})` : "Retry"}
        </Button>
      )}
      {run.parked && (
        <BudgetForm usd={run.budgetUsd} tokens={run.budgetTokens} pending={pending} save={(budget) => act((a) => a.setBudget({ runId, ...budget }))} />
      )}
    </>
  );
}
