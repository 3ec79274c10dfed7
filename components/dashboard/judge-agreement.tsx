import Link from "next/link";
import { kappaText, kappaWords, percent } from "@/components/judge/format";
import type { JudgeHumanAgreement } from "@/lib/dashboard";

/** Agreement rate, Cohen's kappa and n of the judge against people; the Calibration page has the detail. */
export function JudgeAgreement({ agreement }: { agreement: JudgeHumanAgreement }) {
  const { n, accuracy, kappa, matrix } = agreement;
  const disagreements = n - matrix.counts.reduce((s, row, i) => s + row[i], 0);
  return (
    <div data-testid="judge-agreement" data-n={n}>
      {n === 0 ? (
        <p className="text-sm text-slate-500">No trajectory is both judged and reviewed yet: agreement appears once people label judged trajectories.</p>
      ) : (
        <dl className="grid grid-cols-3 gap-4">
          <div>
            <dt className="text-xs text-slate-500">agreement</dt>
            <dd className="text-xl font-semibold tabular-nums text-slate-900" data-testid="agreement-rate">
              {percent(accuracy, 1)}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Cohen&apos;s kappa</dt>
            <dd className="text-xl font-semibold tabular-nums text-slate-900" data-testid="agreement-kappa">
              {kappaText(kappa)}
            </dd>
            <dd className="text-xs text-slate-500">{kappaWords(kappa)}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">labelled and judged</dt>
            <dd className="text-xl font-semibold tabular-nums text-slate-900" data-testid="agreement-n">
              {n.toLocaleString("en")}
            </dd>
          </div>
        </dl>
      )}
      <p className="mt-3 text-xs text-slate-500">The judge&apos;s latest verdict against the latest review, over all judge configurations.</p>
      <p className="mt-2 flex flex-wrap gap-x-4 text-sm">
        {disagreements > 0 && (
          <Link href="/trajectories?disagree=yes" className="text-indigo-600 hover:underline">
            {disagreements.toLocaleString("en")} disagreement{disagreements === 1 ? "" : "s"} →
          </Link>
        )}
        <Link href="/calibration" className="text-indigo-600 hover:underline">
          Calibration, per judge configuration →
        </Link>
      </p>
    </div>
  );
}
