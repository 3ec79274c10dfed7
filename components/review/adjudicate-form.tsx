"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormError, Textarea } from "@/components/ui/field";
import type { Result } from "@/lib/actions/result";

type Adjudicate = (input: { trajectoryId: string; verdict: "accepted" | "rejected"; note: string }) => Promise<Result<{ reviewId: string }>>;

/** The adjudicator's final verdict and why, for one disagreement. */
export function AdjudicateForm({ trajectoryId, adjudicate }: { trajectoryId: string; adjudicate: Adjudicate }) {
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const decide = (verdict: "accepted" | "rejected") =>
    start(async () => {
      const res = await adjudicate({ trajectoryId, verdict, note });
      setError(res.ok ? null : res.error);
      setDone(res.ok ? (res.message ?? verdict) : null);
    });
  if (done)
    return (
      <p role="status" className="text-sm text-emerald-800">
        {done}
      </p>
    );
  return (
    <div className="space-y-2" data-testid="adjudicate-form">
      <Textarea aria-label="Why (kept with the final label)" rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder="Why" />
      <div className="flex gap-2">
        <Button type="button" disabled={pending} onClick={() => decide("accepted")}>
          Final: accept
        </Button>
        <Button type="button" variant="danger" disabled={pending} onClick={() => decide("rejected")}>
          Final: reject
        </Button>
      </div>
      <FormError message={error} />
    </div>
  );
}
