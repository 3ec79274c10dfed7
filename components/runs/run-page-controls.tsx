"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { RunProgress } from "@/lib/jobs/progress";
import { isEnded } from "@/lib/jobs/run-status";
import { RunControls, useRunControls, type RunActions } from "./run-controls";

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
export function RunPageControls({ run, actions }: { run: RunProgress; actions: RunActions }) {
  const router = useRouter();
  const controls = useRunControls(actions, () => router.refresh());
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="run-controls">
      <RunControls run={run} controls={controls} />
      {controls.error && (
        <p role="alert" className="text-sm text-rose-700">
          {controls.error}
        </p>
      )}
    </div>
  );
}
