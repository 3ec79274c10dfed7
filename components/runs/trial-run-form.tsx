"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { TrialRunInput } from "@/lib/jobs/run-inputs";
import type { StartRunResult } from "@/lib/jobs/runs";

type StartAction = (input: TrialRunInput) => Promise<StartRunResult>;

/** Starts a run that only counts: a quick way to see the queue, progress and cancellation working (a longer one leaves time to cancel it). */
export function TrialRunForm({ start: startRun }: { start: StartAction }) {
  const client = useQueryClient();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [steps, setSteps] = useState("20");
  const [delayMs, setDelayMs] = useState("100");
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const res = await startRun({ steps: Number(steps), delayMs: Number(delayMs) });
          setError(res.ok ? null : res.error);
          await client.invalidateQueries({ queryKey: ["runs"] });
        });
      }}
    >
      {error && <span className="text-sm text-rose-700">{error}</span>}
      <label className="text-xs text-slate-600">
        Steps
        <input
          type="number"
          min={1}
          max={10000}
          value={steps}
          onChange={(e) => setSteps(e.target.value)}
          className="ml-1 w-20 rounded border border-slate-300 px-1.5 py-1 text-sm"
        />
      </label>
      <label className="text-xs text-slate-600">
        ms per step
        <input
          type="number"
          min={0}
          max={10000}
          value={delayMs}
          onChange={(e) => setDelayMs(e.target.value)}
          className="ml-1 w-20 rounded border border-slate-300 px-1.5 py-1 text-sm"
        />
      </label>
      <Button type="submit" variant="secondary" disabled={pending}>
        Start trial run
      </Button>
    </form>
  );
}
