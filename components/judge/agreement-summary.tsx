import type { Agreement } from "@/lib/judge/agreement";
import { ConfusionGrid } from "./confusion-grid";
import { DisagreeingList } from "./disagreeing-list";
import { kappaText, kappaWords, percent } from "./format";

/** Accuracy, kappa, the confusion grid and the disagreeing trajectories of one comparison. */
export function AgreementSummary<L extends string>({
  result,
  titles,
  rowsLabel,
  columnsLabel,
}: {
  result: Agreement<L>;
  titles?: Record<string, string>;
  rowsLabel?: string;
  columnsLabel?: string;
}) {
  return (
    <div className="flex flex-wrap gap-6">
      <dl className="grid grid-cols-[auto_auto] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500">labelled trajectories</dt>
        <dd className="font-mono" data-testid="metric-n">
          {result.n}
        </dd>
        <dt className="text-slate-500">accuracy</dt>
        <dd className="font-mono" data-testid="metric-accuracy">
          {percent(result.accuracy, 1)}
        </dd>
        <dt className="text-slate-500">Cohen&apos;s kappa</dt>
        <dd className="font-mono" data-testid="metric-kappa">
          {kappaText(result.kappa)} <span className="font-sans text-xs text-slate-500">({kappaWords(result.kappa)})</span>
        </dd>
      </dl>
      <ConfusionGrid matrix={result.matrix} rowsLabel={rowsLabel} columnsLabel={columnsLabel} />
      <div className="min-w-64 flex-1">
        <p className="mb-1 text-xs font-medium text-slate-600">Disagreeing trajectories</p>
        <DisagreeingList ids={result.disagreeing} titles={titles} />
      </div>
    </div>
  );
}
