import { CategoryList } from "@/components/tools/category-list";
import { OriginField, QualityField, SourceField } from "@/components/tools/filter-fields";
import { RunStageButton } from "@/components/tools/run-stage-button";
import { ToolMap } from "@/components/tools/tool-map";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { listCategories, mapPoints, parseToolFilters, sourceOptions } from "@/lib/catalog/queries";
import { db } from "@/lib/db/client";
import { offlineRoles } from "@/lib/llm/status";
import { startClusterAction } from "./actions";

export const metadata = { title: "Categories" };

export default async function CategoriesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser();
  const isAdmin = hasRole(user.role, "admin");
  const { origin, quality, sourceId } = parseToolFilters(await searchParams);
  const [categories, points, sources, offline] = await Promise.all([
    listCategories(db()),
    mapPoints(db(), { origin, quality, sourceId }),
    sourceOptions(db()),
    offlineRoles(),
  ]);
  const leaves = categories.filter((c) => !categories.some((o) => o.parentId === c.id));
  const order = new Map(leaves.map((c, i) => [c.id, i]));
  return (
    <>
      <PageHeader
        title="Categories"
        description="Tools embedded and clustered into categories (under domains when there are many), and the map of the tool space: each point a tool, coloured by its category."
        actions={isAdmin ? <RunStageButton label="Cluster tools" start={startClusterAction} variant="primary" /> : undefined}
      />
      {categories.length === 0 ? (
        <EmptyState title="No categories yet" stage="cluster">
          <p className="text-sm text-slate-600">Tools need embeddings first: run “Embed and find duplicates” on the Tools page, then cluster.</p>
        </EmptyState>
      ) : (
        <div className="grid grid-cols-1 gap-6 xl:grid-cols-3">
          <div className="xl:col-span-2">
            <Card
              title={`Map of ${points.length.toLocaleString("en")} tools`}
              actions={offline.includes("embedding") ? <Badge tone="amber">embeddings made by the offline provider</Badge> : undefined}
            >
              <form method="get" className="mb-3 flex flex-wrap items-end gap-2">
                <OriginField value={origin} className="w-36" anyLabel="real and synthetic" origins={["real", "synthetic"]} />
                <QualityField value={quality} className="w-36" />
                <SourceField value={sourceId} sources={sources} className="w-44" />
                <Button type="submit" variant="secondary">
                  Show
                </Button>
              </form>
              {points.length ? (
                <ToolMap points={points} categories={leaves.map((c) => ({ id: c.id, name: c.name }))} />
              ) : (
                <p className="py-6 text-center text-sm text-slate-500">No tool on the map matches these filters.</p>
              )}
            </Card>
          </div>
          <Card
            title={`${leaves.length} categories`}
            actions={offline.includes("generator") ? <Badge tone="amber">named by the offline provider’s terms</Badge> : undefined}
          >
            <CategoryList categories={categories} order={order} />
          </Card>
        </div>
      )}
    </>
  );
}
