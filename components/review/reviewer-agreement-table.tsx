import type { RaterAgreement } from "@/lib/review/reviewer-agreement";

/** Agreement between reviewers per question: the statistic, its value and the items behind it. */
export function ReviewerAgreementTable({ rows }: { rows: RaterAgreement[] }) {
  if (rows.every((r) => r.items === 0))
    return <p className="text-sm text-slate-500">No trajectory has labels from two reviewers yet: a queue with several reviewers per item makes them.</p>;
  return (
    <table className="w-full text-sm" data-testid="reviewer-agreement">
      <thead className="text-left text-xs text-slate-500">
        <tr>
          <th className="py-1 pr-3 font-medium">Question</th>
          <th className="py-1 pr-3 font-medium">Statistic</th>
          <th className="py-1 pr-3 text-right font-medium">Value</th>
          <th className="py-1 pr-3 text-right font-medium">Items</th>
          <th className="py-1 text-right font-medium">Reviewers</th>
        </tr>
      </thead>
      <tbody className="tabular-nums">
        {rows.map((r) => (
          <tr key={r.key} className="border-t border-slate-100" data-testid="reviewer-agreement-row" data-key={r.key}>
            <td className="py-1 pr-3 text-slate-800">{r.name}</td>
            <td className="py-1 pr-3 text-slate-600">{r.statistic === "kappa" ? "Cohen's κ" : `Krippendorff's α, ${r.statistic.slice(7, -1)}`}</td>
            <td
              className="py-1 pr-3 text-right"
              title={r.value === null ? "not measurable: no item with two labels, or one and the same answer everywhere" : undefined}
            >
              {r.value === null ? "—" : r.value.toFixed(2)}
            </td>
            <td className="py-1 pr-3 text-right">{r.items}</td>
            <td className="py-1 text-right">{r.reviewers}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
