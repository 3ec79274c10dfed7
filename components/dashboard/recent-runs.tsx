import Link from "next/link";
import { RUN_STATUS_TONE } from "@/components/runs/format";
import { Badge } from "@/components/ui/badge";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { RunProgress } from "@/lib/jobs/progress";
import { stageTitle } from "@/lib/jobs/stage-titles";

/** "just now", "5 min ago", "3 h ago", else the UTC date. */
export function ago(iso: string, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return "just now";
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

/** The latest runs with their kind, status and progress; the Runs page has them all, live. */
export function RecentRuns({ runs }: { runs: RunProgress[] }) {
  if (runs.length === 0) return <p className="text-sm text-slate-500">No run yet: every stage of the pipeline runs as a job and shows up here.</p>;
  return (
    <table className="w-full text-sm" data-testid="recent-runs">
      <caption className="sr-only">Recent runs</caption>
      <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
        <tr>
          <th className="py-1 pr-3 font-medium">Run</th>
          <th className="py-1 pr-3 font-medium">Status</th>
          <th className="w-1/3 py-1 pr-3 font-medium">Progress</th>
          <th className="py-1 text-right font-medium">When</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {runs.map((run) => (
          <tr key={run.id} data-testid="recent-run" data-status={run.status}>
            <td className="py-1.5 pr-3">
              <Link href={`/runs/${run.id}`} className="font-medium text-slate-800 hover:underline">
                {stageTitle(run.kind)}
              </Link>
            </td>
            <td className="py-1.5 pr-3">
              <Badge tone={RUN_STATUS_TONE[run.status]}>{run.status}</Badge>
            </td>
            <td className="py-1.5 pr-3">
              <ProgressBar done={run.done} failed={run.failed} total={run.total} label={`progress of ${stageTitle(run.kind)}`} />
              <span className="text-xs tabular-nums text-slate-500">
                {run.done + run.failed} / {run.total} · {run.percent}%
              </span>
            </td>
            <td className="py-1.5 text-right text-xs text-slate-500">
              <time dateTime={run.createdAt} title={run.createdAt}>
                {ago(run.createdAt)}
              </time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
