"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { RUN_STATUS_TONE } from "@/components/runs/format";
import { Badge } from "@/components/ui/badge";
import type { RunProgress } from "@/lib/jobs/progress";
import { isEnded } from "@/lib/jobs/run-status";
import { stageTitle } from "@/lib/jobs/stage-titles";

const KINDS = new Set(["export", "import"]);
const SHOWN = 5;

/** Reads the latest runs the way the Runs page does (one query, ["runs"], shared with it and with the forms that start runs). */
async function fetchRuns(): Promise<RunProgress[]> {
  const res = await fetch("/api/runs", { cache: "no-store" });
  if (!res.ok) throw new Error(`Could not load runs (${res.status})`);
  return (await res.json()).runs;
}

/**
 * The latest export and import runs, so the result of a button is visible
 * where it was pressed. Polls while one of them has not ended, and reloads the
 * page's dataset versions when one ends.
 */
export function DatasetRuns({ initial }: { initial: RunProgress[] }) {
  const router = useRouter();
  const { data } = useQuery({
    queryKey: ["runs"],
    queryFn: fetchRuns,
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.some((r) => KINDS.has(r.kind) && !isEnded(r.status)) ? 1000 : false),
  });
  const runs = data.filter((r) => KINDS.has(r.kind)).slice(0, SHOWN);
  const open = useRef(new Set(runs.filter((r) => !isEnded(r.status)).map((r) => r.id)));
  useEffect(() => {
    let ended = false;
    for (const r of runs) {
      if (!isEnded(r.status)) open.current.add(r.id);
      else if (open.current.delete(r.id)) ended = true;
    }
    if (ended) router.refresh();
  }, [runs, router]);

  if (runs.length === 0) return <p className="text-sm text-slate-500">No export or import yet.</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm" data-testid="dataset-runs">
      {runs.map((r) => (
        <li key={r.id} className="flex flex-wrap items-center gap-2 py-2" data-testid="dataset-run" data-status={r.status} data-kind={r.kind}>
          <Badge tone={RUN_STATUS_TONE[r.status] ?? "gray"}>{r.status}</Badge>
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
