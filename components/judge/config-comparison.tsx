import type { ConfigCalibration, ConfigComparison } from "@/lib/judge/calibration";
import { ConfusionGrid } from "./confusion-grid";
import { DisagreeingList } from "./disagreeing-list";
import { kappaText, percent } from "./format";

function Side({ name, c }: { name: string; c: ConfigCalibration | null }) {
  if (!c) return <p className="text-sm text-slate-500">Configuration {name} judged none of these trajectories.</p>;
  return (
    <div className="space-y-2" data-testid={`comparison-${name}`}>
      <p className="text-sm">
        <span className="font-semibold">{name}</span> <code className="text-xs text-slate-500">{c.configHash}</code> · {c.judgeModel} · prompt {c.promptVersion}
      </p>
      <p className="text-sm">
        accuracy <span className="font-mono">{percent(c.verdict.accuracy, 1)}</span> · kappa <span className="font-mono">{kappaText(c.verdict.kappa)}</span>
      </p>
      <ConfusionGrid matrix={c.verdict.matrix} />
    </div>
  );
}

/** Two judge configurations side by side on the labelled trajectories both judged. */
export function ConfigComparisonView({ comparison: cmp, titles }: { comparison: ConfigComparison; titles?: Record<string, string> }) {
  if (cmp.n === 0) {
    return <p className="text-sm text-slate-500">These two configurations have no labelled trajectory in common: judge the same labelled set with both.</p>;
  }
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">Measured on the {cmp.n} labelled trajectories both configurations judged.</p>
      <div className="grid gap-6 md:grid-cols-2">
        <Side name="A" c={cmp.a} />
        <Side name="B" c={cmp.b} />
      </div>
      <div className="grid gap-4 text-sm md:grid-cols-3">
        <div>
          <p className="mb-1 text-xs font-medium text-slate-600">
            A and B agree on {percent(cmp.between.accuracy, 1)} (kappa {kappaText(cmp.between.kappa)}); they differ on
          </p>
          <DisagreeingList ids={cmp.between.disagreeing} titles={titles} max={15} />
        </div>
        <div>
          <p className="mb-1 text-xs font-medium text-slate-600">Only A agrees with people</p>
          <DisagreeingList ids={cmp.onlyARight} titles={titles} max={15} />
        </div>
        <div>
          <p className="mb-1 text-xs font-medium text-slate-600">Only B agrees with people</p>
          <DisagreeingList ids={cmp.onlyBRight} titles={titles} max={15} />
        </div>
      </div>
    </div>
  );
}
