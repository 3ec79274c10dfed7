import Link from "next/link";

/** Links to the trajectories judge and people disagree on (the first `max`). */
export function DisagreeingList({ ids, max = 30 }: { ids: string[]; max?: number }) {
  if (ids.length === 0) return <p className="text-xs text-slate-500">No disagreements.</p>;
  return (
    <p className="flex flex-wrap gap-1 text-xs" data-testid="disagreeing">
      {ids.slice(0, max).map((id) => (
        <Link key={id} href={`/trajectories/${id}`} className="rounded bg-rose-50 px-1.5 py-0.5 font-mono text-rose-700 hover:underline">
          {id.slice(0, 10)}
        </Link>
      ))}
      {ids.length > max && <span className="text-slate-500">and {ids.length - max} more</span>}
    </p>
  );
}
