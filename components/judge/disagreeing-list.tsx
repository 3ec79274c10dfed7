import Link from "next/link";

/** Links to the trajectories judge and people disagree on (the first `max`), named by agent and task where `titles` knows them. */
export function DisagreeingList({ ids, titles = {}, max = 30 }: { ids: string[]; titles?: Record<string, string>; max?: number }) {
  if (ids.length === 0) return <p className="text-xs text-slate-500">No disagreements.</p>;
  return (
    <p className="flex flex-wrap gap-1 text-xs" data-testid="disagreeing">
      {ids.slice(0, max).map((id) => (
        <Link
          key={id}
          href={`/trajectories/${id}`}
          title={id}
          className={`rounded bg-rose-50 px-1.5 py-0.5 text-rose-700 hover:underline ${titles[id] ? "" : "font-mono"}`}
        >
          {titles[id] ?? id}
        </Link>
      ))}
      {ids.length > max && <span className="text-slate-500">and {ids.length - max} more</span>}
    </p>
  );
}
