import type { ReactNode } from "react";
import { formatUsd } from "@/components/runs/format";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import type { LlmUsage, UsageTotals } from "@/lib/llm/usage";

const count = (n: number) => n.toLocaleString("en-US");

function Totals({ t }: { t: UsageTotals }) {
  return (
    <>
      <td className="px-3 py-2 text-right tabular-nums">{count(t.calls)}</td>
      <td className="px-3 py-2 text-right tabular-nums">{count(t.cachedCalls)}</td>
      <td className={`px-3 py-2 text-right tabular-nums ${t.errors ? "text-rose-700" : ""}`}>{count(t.errors)}</td>
      <td className="px-3 py-2 text-right tabular-nums">{count(t.promptTokens)}</td>
      <td className="px-3 py-2 text-right tabular-nums">{count(t.completionTokens)}</td>
      <td className="px-3 py-2 text-right tabular-nums">{formatUsd(t.costUsd)}</td>
    </>
  );
}

function UsageTable({ label, rows, total }: { label: string; rows: { key: string; name: ReactNode; totals: UsageTotals }[]; total: UsageTotals }) {
  return (
    <table className="w-full text-sm" data-testid={`llm-usage-by-${label.toLowerCase()}`}>
      <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
        <tr>
          <th className="px-3 py-2">{label}</th>
          <th className="px-3 py-2 text-right">Calls</th>
          <th className="px-3 py-2 text-right">Cached</th>
          <th className="px-3 py-2 text-right">Errors</th>
          <th className="px-3 py-2 text-right">Prompt tokens</th>
          <th className="px-3 py-2 text-right">Completion tokens</th>
          <th className="px-3 py-2 text-right">Cost</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr key={r.key}>
            <td className="px-3 py-2">{r.name}</td>
            <Totals t={r.totals} />
          </tr>
        ))}
        <tr className="font-medium">
          <td className="px-3 py-2">All</td>
          <Totals t={total} />
        </tr>
      </tbody>
    </table>
  );
}

/** What the gateway's recorded calls add up to. Cached calls cost nothing; cost comes from the price table at the time of the call. */
export function LlmUsageTables({ usage }: { usage: LlmUsage }) {
  if (usage.total.calls === 0)
    return (
      <EmptyState title="No model calls yet" stage="synthesis">
        <p className="text-sm text-slate-500">Every stage that calls a model (synthesis, simulation, judging) adds to these totals.</p>
      </EmptyState>
    );
  return (
    <div className="space-y-4 overflow-x-auto" tabIndex={0} role="region" aria-label="Usage">
      <UsageTable
        label="Model"
        total={usage.total}
        rows={usage.byModel.map((m) => ({
          key: `${m.provider}/${m.model}`,
          totals: m,
          name: (
            <span className="flex items-center gap-2">
              <span className="font-mono text-xs">{m.model}</span>
              {m.provider === "offline" && (
                <Badge tone="amber" title="Deterministic filler, not model output">
                  made by the offline provider
                </Badge>
              )}
            </span>
          ),
        }))}
      />
      <UsageTable label="Role" total={usage.total} rows={usage.byRole.map((r) => ({ key: r.role, totals: r, name: r.role }))} />
    </div>
  );
}
