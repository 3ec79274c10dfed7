import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { RunDetail } from "@/lib/jobs/run-detail";

const TONE = { done: "green", failed: "red", pending: "gray" } as const;

function href(runId: string, status: string | undefined, page: number): string {
  const q = new URLSearchParams();
  if (status) q.set("status", status);
  if (page > 1) q.set("page", String(page));
  const s = q.toString();
  return `/runs/${runId}${s ? `?${s}` : ""}`;
}

/** A run's items, failed first, each with its error in full; filtered by status and paged through links. */
export function RunItemsTable({
  runId,
  items,
  page,
  pages,
  status,
  counts,
}: Pick<RunDetail, "items" | "page" | "pages"> & { runId: string; status?: string; counts: RunDetail["itemCounts"] }) {
  const filters: [string | undefined, string][] = [
    [undefined, `all (${counts.done + counts.failed + counts.pending})`],
    ["failed", `failed (${counts.failed})`],
    ["done", `done (${counts.done})`],
    ["pending", `pending (${counts.pending})`],
  ];
  return (
    <div className="space-y-3">
      <nav aria-label="Item status" className="flex flex-wrap gap-3 text-sm">
        {filters.map(([value, label]) => (
          <Link
            key={label}
            href={href(runId, value, 1)}
            aria-current={status === value ? "page" : undefined}
            className={status === value ? "font-semibold text-slate-900" : "text-indigo-700 hover:underline"}
          >
            {label}
          </Link>
        ))}
      </nav>
      {items.length === 0 ? (
        <p className="text-sm text-slate-500">No items here: this stage counts its work without one row per item, or has not started.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="run-items">
            <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="py-1 pr-3 font-medium">Item</th>
                <th className="py-1 pr-3 font-medium">Status</th>
                <th className="py-1 pr-3 text-right font-medium">Attempts</th>
                <th className="py-1 font-medium">Error</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((i) => (
                <tr key={i.key} className="align-top" data-testid="run-item" data-status={i.status}>
                  <td className="py-1 pr-3 font-mono text-xs break-all">{i.key}</td>
                  <td className="py-1 pr-3">
                    <Badge tone={TONE[i.status as keyof typeof TONE] ?? "gray"}>{i.status}</Badge>
                  </td>
                  <td className="py-1 pr-3 text-right tabular-nums">{i.attempts}</td>
                  <td className="py-1 whitespace-pre-wrap break-words text-xs text-rose-700">{i.error}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav aria-label="Item pages" className="flex items-center gap-3 text-sm">
          {page > 1 && (
            <Link href={href(runId, status, page - 1)} className="text-indigo-700 hover:underline">
              ← previous
            </Link>
          )}
          <span className="text-slate-500">
            page {page} of {pages}
          </span>
          {page < pages && (
            <Link href={href(runId, status, page + 1)} className="text-indigo-700 hover:underline">
              next →
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
