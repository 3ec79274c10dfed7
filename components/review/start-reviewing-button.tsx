"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";

export type StartResult = { ok: false; error: string } | undefined;

/** Claims the next trajectory of a queue; the action opens it (a redirect) or says why it cannot. */
export function StartReviewingButton({
  queueId,
  start,
  label = "Start reviewing",
  disabled,
}: {
  queueId: string;
  start: (queueId: string) => Promise<StartResult>;
  label?: string;
  disabled?: boolean;
}) {
  const [pending, run] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="flex items-center gap-2">
      <Button
        disabled={pending || disabled}
        onClick={() =>
          run(async () => {
            const res = await start(queueId);
            setError(res && !res.ok ? res.error : null);
          })
        }
      >
        {pending ? "Claiming…" : disabled ? "Nothing left" : label}
      </Button>
      {error && (
        <span role="alert" className="text-sm text-rose-700">
          {error}
        </span>
      )}
    </span>
  );
}
