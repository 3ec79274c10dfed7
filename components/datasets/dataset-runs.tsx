import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { stageTitle } from "@/lib/jobs/stage-titles";

type RunRow = { id: string; kind: string; status: string; done: number; failed: number; total: number; message: string | null; createdAt: Date };

const TONE: Record<string, BadgeTone> = { succeeded: "green", failed: "red", cancelled: "gray", running: "blue", queued: "violet" };

/** The latest export and import runs, so the result of a button is visible where it was pressed. */
export function DatasetRuns({ runs }: { runs: RunRow[] }) {
  if (runs.length === 0) return null;
  return (
    <ul className="divide-y divide-slate-100 text-sm">
      {runs.map((r) => (
        <li key={r.id} className="flex flex-wrap items-center gap-2 py-2">
          <Badge tone={TONE[r.status] ?? "gray"}>{r.status}</Badge>
          <span className="font-medium text-slate-800">{stageTitle(r.kind)}</span>
          <span className="text-slate-500">
            {r.done + r.failed}/{r.total}
            {r.failed ? `, ${r.failed} failed` : ""}
          </span>
          <span className="min-w-0 flex-1 break-words text-slate-600">{r.message}</span>
          <Link href={`/runs/${r.id}`} className="text-xs text-indigo-600 hover:underline">
            details
          </Link>
        </li>
      ))}
    </ul>
  );
}
