import type { CriterionCalibration } from "@/lib/judge/calibration";
import { DisagreeingList } from "./disagreeing-list";
import { kappaText, percent } from "./format";

/** Agreement per rubric criterion, where reviews scored criteria. */
export function CriteriaTable({ criteria, titles }: { criteria: CriterionCalibration[]; titles?: Record<string, string> }) {
  if (criteria.length === 0) {
    return <p className="text-sm text-slate-500">No review scores individual criteria yet: criteria agreement appears once reviewers mark them.</p>;
  }
  return (
    <table className="w-full text-left text-sm" data-testid="criteria-table">
      <thead className="text-xs text-slate-500">
        <tr>
          <th className="py-1 pr-3 font-medium">Criterion</th>
          <th className="py-1 pr-3 font-medium">n</th>
          <th className="py-1 pr-3 font-medium">Accuracy</th>
          <th className="py-1 pr-3 font-medium">Kappa</th>
          <th className="py-1 font-medium">Disagreeing</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 align-top">
        {criteria.map((c) => (
          <tr key={c.id}>
            <td className="py-1.5 pr-3 font-mono text-xs">{c.id}</td>
            <td className="py-1.5 pr-3 font-mono">{c.n}</td>
            <td className="py-1.5 pr-3 font-mono">{percent(c.accuracy, 1)}</td>
            <td className="py-1.5 pr-3 font-mono">{kappaText(c.kappa)}</td>
            <td className="py-1.5">
              <DisagreeingList ids={c.disagreeing} titles={titles} max={10} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
