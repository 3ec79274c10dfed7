"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import type { RunProgress } from "@/lib/jobs/progress";
import { isEnded } from "@/lib/jobs/run-status";
import type { SetBudget } from "./budget-form";
import { RunControls, type RunAction } from "./run-controls";

/** Reloads the run's page every second while the run has not ended, so its counts, items and outputs stay current. */
export function RefreshWhileRunning({ status }: { status: string }) {
  const router = useRouter();
  useEffect(() => {
    if (isEnded(status)) return;
    const timer = setInterval(() => router.refresh(), 1000);
    return () => clearInterval(timer);
  }, [status, router]);
  return null;
}

/** A run page's cancel / retry / resume / budget controls; the page reloads after each. */
export function RunPageControls({ run, cancel, retry, setBudget }: { run: RunProgress; cancel: RunAction; retry: RunAction; setBudget: SetBudget }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const act = (action: RunAction, runId: string, failure: string) =>
    start(async () => {
      const res = await action(runId);
      setError(res.ok ? null : (res.error ?? failure));
      router.refresh();
    });
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="run-controls">
      <RunControls
        run={run}
        pending={pending}
        act={act}
        cancel={cancel}
        retry={retry}
        setBudget={setBudget}
        budgetDone={(e) => {
          setError(e);
          router.refresh();
        }}
      />
      {error && (
        <p role="alert" className="text-sm text-rose-700">
          {error}
        </p>
      )}
    </div>
  );
}
