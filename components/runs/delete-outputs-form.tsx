"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import type { Result } from "@/lib/actions/result";
import type { DeleteRunOutputsInput } from "@/lib/jobs/run-inputs";
import type { DeletionPlan, DeletionRecord, OutputsDeleted } from "@/lib/jobs/run-outputs-delete";

type Remove = (input: DeleteRunOutputsInput) => Promise<Result<OutputsDeleted>>;

const plural = (n: number, what: string) => `${n} ${n === 1 ? what.replace(/ies$/, "y").replace(/s$/, "") : what}`;

/** What deleting a finished run's outputs would take and keep; a reason is asked for and recorded on the run. */
export function DeleteOutputsForm({ plan, history, remove }: { plan: DeletionPlan; history: DeletionRecord[]; remove: Remove }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const goes = Object.entries(plan.deletable)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => plural(n, kind));
  return (
    <div className="space-y-2 text-sm" data-testid="delete-outputs">
      {history.map((h) => (
        <p key={h.at} className="text-slate-600">
          {h.at.slice(0, 16).replace("T", " ")} UTC: {h.by} deleted{" "}
          {Object.entries(h.deleted)
            .map(([k, n]) => plural(n, k))
            .join(", ")}{" "}
          — “{h.reason}”
        </p>
      ))}
      {plan.kept.length > 0 && (
        <ul className="list-disc pl-5 text-slate-600">
          {plan.kept.map((k) => (
            <li key={k.kind}>
              {plural(k.count, k.kind)} stay: {k.reason}
            </li>
          ))}
        </ul>
      )}
      {goes.length === 0 ? (
        <p className="text-slate-500">Nothing of this run can be deleted safely.</p>
      ) : !plan.ended ? (
        <p className="text-slate-500">The run has not ended: its outputs can be deleted once it has.</p>
      ) : (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (!window.confirm(`Delete ${goes.join(", ")} made by this run? This cannot be undone.`)) return;
            start(async () => {
              const res = await remove({ runId: plan.runId, reason });
              setError(res.ok ? null : res.error);
              if (res.ok) setReason("");
              router.refresh();
            });
          }}
        >
          <label className="min-w-0 flex-1 text-xs text-slate-600">
            Why (kept on the run)
            <input
              required
              minLength={3}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              className="mt-1 block w-full rounded border border-slate-300 px-2 py-1 text-sm"
            />
          </label>
          <Button type="submit" variant="danger" disabled={pending}>
            Delete {goes.join(", ")}
          </Button>
        </form>
      )}
      <FormError message={error} />
    </div>
  );
}
