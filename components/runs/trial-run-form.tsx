"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";

type StartAction = (input: { steps: number; delayMs: number }) => Promise<{ ok: boolean; error?: string }>;

/** Starts a run that only counts: a quick way to see the queue, progress and cancellation working. */
export function TrialRunForm({ start: startRun }: { start: StartAction }) {
  const client = useQueryClient();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex items-center gap-2">
      {error && <span className="text-sm text-rose-700">{error}</span>}
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const res = await startRun({ steps: 20, delayMs: 100 });
            setError(res.ok ? null : (res.error ?? "Could not start"));
            await client.invalidateQueries({ queryKey: ["runs"] });
          })
        }
      >
        Start trial run
      </Button>
    </div>
  );
}
