import Link from "next/link";

/** What a simulation form says after it queued a run. */
export function StartedNote({ runId }: { runId: string | null }) {
  if (!runId) return null;
  return (
    <span className="text-sm text-emerald-700" data-testid="simulation-started">
      Started. Follow it on{" "}
      <Link href="/runs" className="underline">
        Runs
      </Link>
      .
    </span>
  );
}
