"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import type { Result } from "@/lib/actions/result";
import type { ReviewerProgress } from "@/lib/review/queue-reviewers";

type Assign = (input: { queueId: string; reviewerIds: string[]; trajectoryIds: string[] }) => Promise<Result>;
type Unassign = (input: { queueId: string; reviewerId: string }) => Promise<Result>;

/** Each reviewer's progress in a queue (labelled / named for them) and, for admins, naming reviewers for it. */
export function QueueReviewers({
  queueId,
  progress,
  people,
  assign,
  unassign,
}: {
  queueId: string;
  progress: ReviewerProgress[];
  people?: { id: string; name: string }[];
  assign?: Assign;
  unassign?: Unassign;
}) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <div className="w-full text-xs text-slate-600">
      {progress.length > 0 && (
        <ul className="flex flex-wrap gap-x-4 gap-y-1" aria-label="Reviewers' progress" data-testid="reviewer-progress">
          {progress.map((p) => (
            <li key={p.reviewerId} data-testid="reviewer" data-name={p.name} className="tabular-nums">
              {p.name}: {p.labelled}
              {p.assigned === null ? " labelled" : ` / ${p.assigned} ${p.wholeQueue ? "(whole queue)" : "named items"}`}
              {unassign && p.assigned !== null && (
                <button
                  type="button"
                  className="ml-1 text-rose-700 hover:underline"
                  disabled={pending}
                  aria-label={`Take ${p.name} off this queue`}
                  onClick={() => start(async () => setError(((r) => (r.ok ? null : r.error))(await unassign({ queueId, reviewerId: p.reviewerId }))))}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {assign && people && (
        <div className="mt-1">
          {!open ? (
            <button type="button" className="text-indigo-600 hover:underline" onClick={() => setOpen(true)}>
              Name reviewers…
            </button>
          ) : (
            <form
              className="mt-1 flex flex-wrap items-end gap-2"
              data-testid="assign-reviewers"
              onSubmit={(e) => {
                e.preventDefault();
                const data = new FormData(e.currentTarget);
                const reviewerIds = data.getAll("reviewer").map(String);
                const trajectoryIds = String(data.get("items") ?? "")
                  .split(/[\s,]+/)
                  .filter(Boolean);
                start(async () => {
                  const res = await assign({ queueId, reviewerIds, trajectoryIds });
                  setError(res.ok ? null : res.error);
                  if (res.ok) setOpen(false);
                });
              }}
            >
              <label className="flex flex-col">
                Reviewers
                <select name="reviewer" multiple className="min-w-40 rounded border border-slate-300 p-1 text-sm" size={Math.min(4, people.length)}>
                  {people.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </label>
              <label className="flex flex-col">
                Items (trajectory ids; empty: the whole queue)
                <textarea name="items" rows={2} className="min-w-64 rounded border border-slate-300 p-1 font-mono text-xs" />
              </label>
              <Button type="submit" disabled={pending}>
                Name
              </Button>
            </form>
          )}
        </div>
      )}
      <FormError message={error} />
    </div>
  );
}
