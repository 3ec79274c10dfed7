import Link from "next/link";
import { listFilterQuery, PAGE_SIZES, type ListFilter } from "@/lib/review/filter";

/** Previous / next and the page size, as links that keep the filter. */
export function ListPager({ filter, total, lowerBound }: { filter: ListFilter; total: number; lowerBound: boolean }) {
  const pages = Math.max(1, Math.ceil(total / filter.size));
  const href = (over: Parameters<typeof listFilterQuery>[1]) => `/trajectories?${listFilterQuery(filter, over)}`;
  return (
    <nav aria-label="Pages" className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-500" data-testid="pager">
      <span data-testid="total">
        {total.toLocaleString("en")}
        {lowerBound && "+"} {total === 1 && !lowerBound ? "trajectory" : "trajectories"} · page {filter.page} of {pages.toLocaleString("en")}
        {lowerBound && "+"}
      </span>
      <span className="flex items-center gap-3">
        <span className="flex gap-1 text-xs">
          {PAGE_SIZES.map((n) => (
            <Link key={n} href={href({ size: n, page: undefined })} className={n === filter.size ? "font-semibold text-slate-800" : "text-indigo-600 hover:underline"} aria-current={n === filter.size ? "true" : undefined}>
              {n}
            </Link>
          ))}
          <span>per page</span>
        </span>
        {filter.page > 1 && (
          <Link href={href({ page: filter.page - 1 })} className="text-indigo-600 hover:underline" rel="prev">
            ← Previous
          </Link>
        )}
        {filter.page < pages && (
          <Link href={href({ page: filter.page + 1 })} className="text-indigo-600 hover:underline" rel="next">
            Next →
          </Link>
        )}
      </span>
    </nav>
  );
}
