"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "./action-result";
import { ActionFeedback } from "./action-feedback";

type Props = {
  sourceId: string;
  test: (sourceId: string) => Promise<ActionResult>;
  harvest: (sourceIds: string[]) => Promise<ActionResult>;
};

/** Test connection (lists tools, stores nothing) and harvest now (a run on the queue) for one source. */
export function SourceRowActions({ sourceId, test, harvest }: Props) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<ActionResult | null>(null);
  const run = (work: () => Promise<ActionResult>) => startTransition(async () => setResult(await work()));
  return (
    <div className="space-y-1">
      <div className="flex gap-2">
        <Button type="button" variant="secondary" disabled={pending} onClick={() => run(() => test(sourceId))}>
          Test
        </Button>
        <Button type="button" variant="secondary" disabled={pending} onClick={() => run(() => harvest([sourceId]))}>
          Harvest now
        </Button>
      </div>
      {pending ? <p className="text-xs text-slate-500">Working…</p> : <ActionFeedback result={result} />}
    </div>
  );
}
