import { Button } from "@/components/ui/button";
import { Input, Options, Select } from "@/components/ui/field";
import type { ToolFilters } from "@/lib/catalog/queries";
import { DUPLICATE_FILTER_LABELS, DUPLICATE_FILTERS } from "@/lib/catalog/filter-options";
import { OriginField, QualityField, SourceField } from "./filter-fields";

type Option = { id: string; name: string };

const caption = "text-xs text-slate-500";

/** A plain GET form: filters live in the URL, so a filtered list can be shared and reloaded. */
export function ToolFiltersForm({ filters, sources, categories }: { filters: ToolFilters; sources: Option[]; categories: Option[] }) {
  return (
    <form method="get" className="mb-3 flex flex-wrap items-end gap-2" data-testid="tool-filters">
      <label className={`${caption} w-full sm:w-64`}>
        Search
        <Input name="q" type="search" defaultValue={filters.q ?? ""} placeholder="name, description, key" />
      </label>
      <OriginField value={filters.origin} className="w-32" anyLabel="any origin" />
      <QualityField value={filters.quality} className="w-32" />
      <label className={`${caption} w-40`}>
        Duplicates
        <Select name="duplicates" defaultValue={filters.duplicates ?? ""}>
          <option value="">with duplicates</option>
          <Options values={DUPLICATE_FILTERS} label={(d) => DUPLICATE_FILTER_LABELS[d]} />
        </Select>
      </label>
      <SourceField value={filters.sourceId} sources={sources} className="w-44" />
      <label className={`${caption} w-48`}>
        Category
        <Select name="categoryId" defaultValue={filters.categoryId ?? ""}>
          <option value="">any category</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </Select>
      </label>
      <label className={`${caption} w-28`}>
        Min score
        <Input name="minScore" type="number" step="0.05" min={0} max={1} defaultValue={filters.minScore ?? ""} />
      </label>
      <label className={`${caption} w-28`}>
        Max score
        <Input name="maxScore" type="number" step="0.05" min={0} max={1} defaultValue={filters.maxScore ?? ""} />
      </label>
      <Button type="submit" variant="secondary">
        Filter
      </Button>
    </form>
  );
}
