import Link from "next/link";
import { listFilterQuery, PAGE_SIZES, type ListFilter } from "@/lib/review/filter";
import { formatCount, type CountKind } from "@/lib/util/format";

const COUNT_NOTE: Record<CountKind, string | undefined> = {
  exact: undefined,
  atLeast: "Counting stops at 10,000 so that the page stays fast",
  about: "PostgreSQL's estimate: counting every trajectory would read them all",
};

/** Previous / next and the page size, as links that keep the filter. */
export function ListPager({ filter, total, kind }: { filter: ListFilter; total: number; kind: CountKind }) {
  const pages = Math.max(1, Math.ceil(total / filter.size));
  const href = (over: Parameters<typeof listFilterQuery>[1]) => `/trajectories?${listFilterQuery(filter, over)}`;
  return (
    <nav aria-label="Pages" className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-500" data-testid="pager">
      <span data-testid="total" title={COUNT_NOTE[kind]}>
        {formatCount(total, kind)} {total === 1 && kind === "exact" ? "trajectory" : "trajectories"} · page {filter.page} of {formatCount(pages, kind)}
      </span>
      <span className="flex items-center gap-3">
        <span className="flex gap-1 text-xs">
          {PAGE_SIZES.map((n) => (
            <Link
              key={n}
              href={href({ size: n, page: undefined })}
              className={n === filter.size ? "font-semibold text-slate-800" : "text-indigo-600 hover:underline"}
              aria-current={n === filter.size ? "true" : undefined}
            >
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
        {(filter.page < pages || kind !== "exact") && (
          <Link href={href({ page: filter.page + 1 })} className="text-indigo-600 hover:underline" rel="next">
            Next →
          </Link>
        )}
      </span>
    </nav>
  );
}
