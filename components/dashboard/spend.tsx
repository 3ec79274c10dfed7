import { usd } from "@/lib/money";
import type { SpendShare, SpendSummary } from "@/lib/spend";

function Shares({ title, shares, total }: { title: string; shares: SpendShare[]; total: number }) {
  return (
    <table className="w-full text-sm" data-testid={`spend-by-${title.toLowerCase()}`}>
      <caption className="sr-only">Spend by {title.toLowerCase()}</caption>
      <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
        <tr>
          <th className="py-1 pr-3 font-medium">{title}</th>
          <th className="w-1/3 py-1 pr-3 font-medium">Share</th>
          <th className="py-1 pr-3 text-right font-medium">Cost</th>
          <th className="py-1 text-right font-medium">Tokens</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {shares.map((s) => {
          const share = total > 0 ? s.costUsd / total : 0;
          return (
            <tr key={s.name} data-name={s.name}>
              <td className="py-1.5 pr-3 text-slate-800">{s.name.replace(/_/g, " ")}</td>
              <td className="py-1.5 pr-3">
                <div className="h-2 rounded bg-slate-100" role="img" aria-label={`${Math.round(share * 100)}% of the cost`}>
                  <div className="h-2 rounded bg-indigo-500" style={{ width: `${Math.round(share * 100)}%` }} />
                </div>
              </td>
              <td className="py-1.5 pr-3 text-right tabular-nums text-slate-800">{usd(s.costUsd)}</td>
              <td className="py-1.5 text-right tabular-nums text-slate-500" title={`${s.calls.toLocaleString("en")} calls`}>
                {s.tokens.toLocaleString("en")}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** What the models cost: in all, per accepted trajectory, today against the daily budget, and by stage and role. */
export function Spend({ spend }: { spend: SpendSummary }) {
  const { today } = spend;
  return (
    <div data-testid="spend">
      <dl className="grid grid-cols-3 gap-4">
        <div>
          <dt className="text-xs text-slate-500">spent on models</dt>
          <dd className="text-xl font-semibold tabular-nums text-slate-900" data-testid="spend-total">
            {usd(spend.costUsd)}
          </dd>
          <dd className="text-xs text-slate-500">{spend.tokens.toLocaleString("en")} tokens</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">per accepted trajectory</dt>
          <dd className="text-xl font-semibold tabular-nums text-slate-900" data-testid="spend-per-accepted">
            {spend.costPerAccepted === null ? "–" : usd(spend.costPerAccepted)}
          </dd>
          <dd className="text-xs text-slate-500">{spend.accepted.toLocaleString("en")} accepted</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">today (UTC)</dt>
          <dd className="text-xl font-semibold tabular-nums text-slate-900" data-testid="spend-today">
            {usd(today.costUsd)}
          </dd>
          <dd className="text-xs text-slate-500">
            {today.dailyBudgetUsd === null
              ? "no daily budget"
              : `of a ${usd(today.dailyBudgetUsd)} daily budget${today.costUsd >= today.dailyBudgetUsd ? ": reached, runs are paused" : ""}`}
          </dd>
        </div>
      </dl>
      {spend.byStage.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">
          No model call has been recorded yet. Costs come from the prices set for each model in Settings; the offline provider costs nothing.
        </p>
      ) : (
        <div className="mt-4 grid grid-cols-1 gap-6 lg:grid-cols-2">
          <Shares title="Stage" shares={spend.byStage} total={spend.costUsd} />
          <Shares title="Role" shares={spend.byRole} total={spend.costUsd} />
        </div>
      )}
    </div>
  );
}
