import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import type { ToolFilters } from "@/lib/catalog/queries";

type Option = { id: string; name: string };

/** A plain GET form: filters live in the URL, so a filtered list can be shared and reloaded. */
export function ToolFiltersForm({ filters, sources, categories }: { filters: ToolFilters; sources: Option[]; categories: Option[] }) {
  return (
    <form method="get" className="mb-3 flex flex-wrap items-center gap-2" data-testid="tool-filters">
      <div className="w-64">
      <Input name="q" defaultValue={filters.q ?? ""} placeholder="Search name, description, key" />
      </div>
      <div className="w-32">
      <Select name="origin" defaultValue={filters.origin ?? ""}>
        <option value="">any origin</option>
        <option value="real">real</option>
        <option value="synthetic">synthetic</option>
        <option value="undeclared">undeclared</option>
      </Select>
      </div>
      <div className="w-32">
      <Select name="quality" defaultValue={filters.quality ?? ""}>
        <option value="">any quality</option>
        <option value="accepted">accepted</option>
        <option value="rejected">rejected</option>
        <option value="pending">pending</option>
      </Select>
      </div>
      <div className="w-40">
      <Select name="duplicates" defaultValue={filters.duplicates ?? ""}>
        <option value="">with duplicates</option>
        <option value="hide">hide duplicates</option>
        <option value="only">only duplicates</option>
      </Select>
      </div>
      <div className="w-44">
      <Select name="sourceId" defaultValue={filters.sourceId ?? ""}>
        <option value="">any source</option>
        {sources.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </Select>
      </div>
      <div className="w-48">
      <Select name="categoryId" defaultValue={filters.categoryId ?? ""}>
        <option value="">any category</option>
        {categories.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </Select>
      </div>
      <div className="w-28">
      <Input name="minScore" type="number" step="0.05" min={0} max={1} defaultValue={filters.minScore ?? ""} placeholder="min score" />
      </div>
      <div className="w-28">
      <Input name="maxScore" type="number" step="0.05" min={0} max={1} defaultValue={filters.maxScore ?? ""} placeholder="max score" />
      </div>
      <Button type="submit" variant="secondary">
        Filter
      </Button>
    </form>
  );
}
