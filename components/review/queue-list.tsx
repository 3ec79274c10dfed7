import Link from "next/link";
import type { QueueProgress } from "@/lib/review/queues";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { ReactNode } from "react";
import type { Result } from "@/lib/actions/result";
import type { QueueRef } from "@/lib/review/queue-inputs";
import { StartReviewingButton } from "./start-reviewing-button";

/** Every queue with its progress and, for reviewers, a way in. */
export function QueueList({
  queues,
  canReview,
  start,
  reviewers,
}: {
  queues: QueueProgress[];
  canReview: boolean;
  start: (input: QueueRef) => Promise<Result>;
  /** per queue: its reviewers' progress (and, for admins, naming them) */
  reviewers?: (queueId: string) => ReactNode;
}) {
  return (
    <ul className="divide-y divide-slate-100" data-testid="queues">
      {queues.map((q) => (
        <li key={q.id} className="flex flex-wrap items-center gap-4 py-3" data-testid="queue" data-name={q.name}>
          <div className="min-w-48 flex-1">
            <p className="font-medium text-slate-800">{q.name}</p>
            <p className="text-xs text-slate-500">
              <Link href={`/trajectories${q.query ? `?${q.query}` : ""}`} className="font-mono text-indigo-600 hover:underline">
                {q.query || "every trajectory"}
              </Link>
              {q.sampled && " · a fixed random sample"}
              {q.createdBy && ` · by ${q.createdBy}`}
            </p>
            <p className="text-xs text-slate-500" data-testid="queue-asks">
              {q.asks.length ? `Asks: ${q.asks.join(", ")}` : "Asks for a verdict only"}
              {q.reviewsPerItem > 1 && ` · ${q.reviewsPerItem} reviewers per item, blind`}
            </p>
          </div>
          <div className="w-64">
            <ProgressBar done={q.done} total={q.total} label={`progress of ${q.name}`} />
            <p className="mt-1 text-xs tabular-nums text-slate-500" data-testid="queue-progress">
              {q.done} of {q.total} labelled · {q.inProgress} in progress · {q.remaining} left
            </p>
          </div>
          {canReview && (
            <StartReviewingButton
              queueId={q.id}
              start={start}
              label={q.heldByMe ? "Continue" : "Start reviewing"}
              disabled={!q.heldByMe && q.remaining === 0 && (q.reviewsPerItem === 1 || q.inProgress === 0)}
            />
          )}
          {reviewers?.(q.id)}
        </li>
      ))}
    </ul>
  );
}
