import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import type { JudgeConfigSummary } from "@/lib/judge/calibration";

const label = (c: JudgeConfigSummary) => `${c.configHash.slice(0, 8)} · ${c.judgeModel} · prompt ${c.promptVersion} · ${c.judgements} judged`;

/** Picks two judge configurations; a plain GET form, so the comparison is a link one can share. */
export function CompareConfigsForm({ configs, a, b }: { configs: JudgeConfigSummary[]; a?: string; b?: string }) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-2" data-testid="compare-form">
      {(["a", "b"] as const).map((name, i) => (
        <label key={name} className="text-xs font-medium text-slate-600">
          Configuration {name.toUpperCase()}
          <Select name={name} defaultValue={(name === "a" ? a : b) ?? configs[i]?.configHash} className="min-w-72">
            {configs.map((c) => (
              <option key={c.configHash} value={c.configHash}>
                {label(c)}
              </option>
            ))}
          </Select>
        </label>
      ))}
      <Button type="submit" variant="secondary">
        Compare
      </Button>
    </form>
  );
}
