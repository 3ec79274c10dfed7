import { Options, Select } from "@/components/ui/field";
import { QUALITY_VERDICTS, TOOL_ORIGINS } from "@/lib/catalog/filter-options";
import type { ToolOrigin } from "@/lib/db/generated/enums";

type Option = { id: string; name: string };

const caption = "text-xs text-slate-500";

/** The tool-quality filter, as the Tools and Categories pages offer it. */
export function QualityField({ value, className }: { value?: string | null; className: string }) {
  return (
    <label className={`${caption} ${className}`}>
      Quality
      <Select name="quality" defaultValue={value ?? ""}>
        <option value="">any quality</option>
        <Options values={QUALITY_VERDICTS} />
      </Select>
    </label>
  );
}

/** The tool-origin filter; `origins` narrows the choice (the map has no undeclared tools). */
export function OriginField({
  value,
  className,
  anyLabel,
  origins = TOOL_ORIGINS,
}: {
  value?: string | null;
  className: string;
  anyLabel: string;
  origins?: readonly ToolOrigin[];
}) {
  return (
    <label className={`${caption} ${className}`}>
      Origin
      <Select name="origin" defaultValue={value ?? ""}>
        <option value="">{anyLabel}</option>
        <Options values={origins} />
      </Select>
    </label>
  );
}

/** The tool-source filter, as the Tools and Categories pages offer it. */
export function SourceField({ value, sources, className }: { value?: string | null; sources: Option[]; className: string }) {
  return (
    <label className={`${caption} ${className}`}>
      Source
      <Select name="sourceId" defaultValue={value ?? ""}>
        <option value="">any source</option>
        {sources.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </Select>
    </label>
  );
}
