import Link from "next/link";
import type { StageActionResult } from "@/lib/jobs/runs";

/** The outcome of an action: where to follow the run it started, its message, or its error. */
export function ActionFeedback({ result }: { result: StageActionResult | null }) {
  if (!result) return null;
  if (!result.ok)
    return (
      <p role="alert" className="text-sm text-rose-700">
        {result.error}
      </p>
    );
  return (
    <p className="text-sm text-emerald-700">
      {result.message ?? "Started."}{" "}
      {result.runId && (
        <Link href="/runs" className="text-indigo-600 hover:underline">
          Follow it on Runs →
        </Link>
      )}
    </p>
  );
}
