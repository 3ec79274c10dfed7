"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import type { OverruleInput } from "@/lib/catalog/quality-inputs";
import type { StageActionResult } from "@/lib/jobs/runs";
import { ActionFeedback } from "./action-feedback";

/** A person's verdict on a tool; it stands until the tool's spec changes. */
export function OverruleForm({ toolId, overrule }: { toolId: string; overrule: (input: OverruleInput) => Promise<StageActionResult> }) {
  const [note, setNote] = useState("");
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<StageActionResult | null>(null);
  const send = (verdict: OverruleInput["verdict"]) => startTransition(async () => setResult(await overrule({ toolId, verdict, note })));
  return (
    <div className="space-y-2" data-testid="overrule-form">
      <Input value={note} onChange={(e) => setNote(e.target.value)} aria-label="Why (optional)" placeholder="Why (optional)" maxLength={500} />
      <div className="flex gap-2">
        <Button type="button" variant="secondary" disabled={pending} onClick={() => send("accepted")}>
          Accept
        </Button>
        <Button type="button" variant="danger" disabled={pending} onClick={() => send("rejected")}>
          Reject
        </Button>
      </div>
      <ActionFeedback result={result} />
    </div>
  );
}
