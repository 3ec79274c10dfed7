import { Pager } from "@/components/synthesis/pager";
import { RunStageButton } from "@/components/tools/run-stage-button";
import { ToolFiltersForm } from "@/components/tools/tool-filters";
import { ToolTable } from "@/components/tools/tool-table";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { catalogCounts, listCategories, listTools, parseToolFilters, sourceOptions, TOOLS_PER_PAGE } from "@/lib/catalog/queries";
import { db } from "@/lib/db/client";
import { passRatesByTool } from "@/lib/review/pass-rates";
import { startEmbedAction, startQualityAction } from "./actions";

export const metadata = { title: "Tools" };

export default async function ToolsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser();
  const isAdmin = hasRole(user.role, "admin");
  const filters = parseToolFilters(await searchParams);
  const [list, counts, sources, categories] = await Promise.all([listTools(db(), filters), catalogCounts(db()), sourceOptions(db()), listCategories(db())]);
  const passRates = await passRatesByTool(
    db(),
    list.rows.map((r) => r.id),
  );
  const params = Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, v === undefined ? undefined : String(v)]));
  return (
    <>
      <PageHeader
        title="Tools"
        description={`Real and synthetic tool specs with their quality verdicts: ${counts.tools.toLocaleString("en")} tools, ${counts.accepted.toLocaleString("en")} accepted, ${counts.rejected.toLocaleString("en")} rejected, ${counts.pending.toLocaleString("en")} not yet filtered, ${counts.duplicates.toLocaleString("en")} duplicates.`}
        actions={
          isAdmin && counts.tools > 0 ? (
            <div className="flex flex-col items-end gap-2">
              <RunStageButton label="Filter by quality" start={startQualityAction.bind(null, { llm: false, scope: "pending" })} />
              <RunStageButton label="Filter again with the judge" start={startQualityAction.bind(null, { llm: true, scope: "all" })} />
              <RunStageButton label="Embed and find duplicates" start={startEmbedAction} />
            </div>
          ) : undefined
        }
      />
      {counts.tools === 0 ? (
        <EmptyState title="No tools yet" stage="harvest" href="/sources" />
      ) : (
        <Card>
          <ToolFiltersForm filters={filters} sources={sources} categories={categories.map((c) => ({ id: c.id, name: c.parentId ? `  ${c.name}` : c.name }))} />
          {list.rows.length ? (
            <ToolTable rows={list.rows} passRates={passRates} />
          ) : (
            <p className="py-6 text-center text-sm text-slate-500">No tool matches these filters.</p>
          )}
          <Pager page={list.page} pageSize={TOOLS_PER_PAGE} total={list.total} params={params} path="/tools" />
        </Card>
      )}
    </>
  );
}
