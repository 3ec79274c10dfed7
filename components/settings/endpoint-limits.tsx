import type { EndpointLimitView } from "@/lib/llm/endpoint-lease";

const percent = (share: number) => `${(share * 100).toFixed(share > 0 && share < 0.01 ? 1 : 0)}%`;

/** Each endpoint's shared concurrency as the workers adapted it, and how often it said 429 or failed of late. */
export function EndpointLimits({ rows }: { rows: EndpointLimitView[] }) {
  if (!rows.length) return <p className="text-sm text-slate-500">No calls to an endpoint yet: its limit appears here once a worker uses it.</p>;
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Limits per endpoint">
      <table className="w-full text-sm" data-testid="endpoint-limits">
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-3 py-2">Base URL</th>
            <th className="px-3 py-2 text-right">Concurrency now</th>
            <th className="px-3 py-2 text-right">Configured</th>
            <th className="px-3 py-2 text-right">Workers (slots held)</th>
            <th className="px-3 py-2 text-right">Recent requests</th>
            <th className="px-3 py-2 text-right">429s</th>
            <th className="px-3 py-2 text-right">5xx</th>
            <th className="px-3 py-2">Last renewed</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.id} data-testid="endpoint-limit">
              <td className="max-w-56 truncate px-3 py-2 font-mono text-xs" title={r.baseUrl}>
                {r.baseUrl}
              </td>
              <td className={`px-3 py-2 text-right tabular-nums ${r.currentLimit < r.configuredLimit ? "text-amber-700" : ""}`}>{r.currentLimit}</td>
              <td className="px-3 py-2 text-right tabular-nums">{r.configuredLimit}</td>
              <td className="px-3 py-2 text-right tabular-nums">
                {r.holders} ({r.slotsHeld})
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{Math.round(r.recentRequests).toLocaleString("en-US")}</td>
              <td className={`px-3 py-2 text-right tabular-nums ${r.rateLimitedShare > 0.01 ? "text-rose-700" : ""}`}>{percent(r.rateLimitedShare)}</td>
              <td className={`px-3 py-2 text-right tabular-nums ${r.serverErrorShare > 0.01 ? "text-rose-700" : ""}`}>{percent(r.serverErrorShare)}</td>
              <td className="px-3 py-2 text-xs text-slate-500">{r.updatedAt.toISOString().replace("T", " ").slice(0, 16)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-slate-500">
        Limits belong to an endpoint (base URL and key), shared by every role and worker on it. The concurrency starts at the smallest one configured on those
        roles, halves on 429s and slowly grows back; recent counts halve every five minutes.
      </p>
    </div>
  );
}
