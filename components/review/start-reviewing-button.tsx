"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { Result } from "@/lib/actions/result";
import type { QueueRef } from "@/lib/review/queue-inputs";

/** Claims the next trajectory of a queue; the action opens it (a redirect) or says why it cannot. */
export function StartReviewingButton({
  queueId,
  start,
  label = "Start reviewing",
  disabled,
}: {
  queueId: string;
  start: (input: QueueRef) => Promise<Result>;
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
            const res = await start({ queueId });
            setError(res.ok ? null : res.error);
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
