import { Select } from "@/components/ui/field";

type Option = { id: string; name: string };

const caption = "text-xs text-slate-500";

/** The tool-quality filter, as the Tools and Categories pages offer it. */
export function QualityField({ value, className }: { value?: string | null; className: string }) {
  return (
    <label className={`${caption} ${className}`}>
      Quality
      <Select name="quality" defaultValue={value ?? ""}>
        <option value="">any quality</option>
        <option value="accepted">accepted</option>
        <option value="rejected">rejected</option>
        <option value="pending">pending</option>
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
