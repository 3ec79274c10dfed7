"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { StageActionResult } from "@/lib/jobs/runs";
import { ActionFeedback } from "./action-feedback";

/** Starts a pipeline stage through a server action and says where to follow it. */
export function RunStageButton({
  label,
  start,
  variant = "secondary",
}: {
  label: string;
  start: () => Promise<StageActionResult>;
  variant?: "primary" | "secondary";
}) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<StageActionResult | null>(null);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button type="button" variant={variant} disabled={pending} onClick={() => startTransition(async () => setResult(await start()))}>
        {pending ? "Starting…" : label}
      </Button>
      <ActionFeedback result={result} />
    </div>
  );
}
