import Link from "next/link";
import { listFilterQuery } from "@/lib/review/filter";

/** Says why a task's episodes deserve another look, with a link to those not already blamed on the task or a simulator. */
export function ReviewFlagNotice({ taskId, reason }: { taskId: string; reason: string | null }) {
  if (!reason) return null;
  return (
    <p role="status" data-testid="review-flag" className="mb-4 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      {reason}{" "}
      <Link href={`/trajectories?${listFilterQuery({ taskId, flagged: "yes" })}`} className="font-medium underline">
        Episodes to review
      </Link>
    </p>
  );
}
