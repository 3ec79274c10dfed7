import Link from "next/link";
import { kappaText, kappaWords, percent } from "@/components/judge/format";
import type { ConfigCalibration } from "@/lib/judge/calibration";

/** Judge–human agreement per judge configuration, in one line each; the Calibration page has the detail. */
export function AgreementNumbers({ calibrations }: { calibrations: ConfigCalibration[] }) {
  if (calibrations.length === 0) {
    return <p className="text-sm text-slate-500">No trajectory is both judged and labelled yet: agreement appears once people review judged trajectories.</p>;
  }
  return (
    <ul className="space-y-1 text-sm" data-testid="agreement">
      {calibrations.map((c) => (
        <li key={c.configHash} className="flex flex-wrap gap-x-3">
          <span className="text-slate-700">
            {c.judgeModel} <code className="text-xs text-slate-500">{c.configHash}</code>
          </span>
          <span className="tabular-nums">{c.verdict.n} labelled</span>
          <span className="tabular-nums">agreement {percent(c.verdict.accuracy, 1)}</span>
          <span className="tabular-nums">
            κ {kappaText(c.verdict.kappa)} ({kappaWords(c.verdict.kappa)})
          </span>
          <Link href={`/trajectories?disagree=yes`} className="text-indigo-600 hover:underline">
            disagreements
          </Link>
        </li>
      ))}
    </ul>
  );
}
