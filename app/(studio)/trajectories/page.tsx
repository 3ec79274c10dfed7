import Link from "next/link";
import { ListFilters } from "@/components/review/list-filters";
import { ListPager } from "@/components/review/list-pager";
import { SavedViews } from "@/components/review/saved-views";
import { TrajectoryTable, type SortLink } from "@/components/review/trajectory-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { isFiltered, listFilterQuery, parseListFilter, SORTS, type ListFilter, type SortKey } from "@/lib/review/filter";
import { listFilterOptions, listTrajectories } from "@/lib/review/list";
import { listSavedViews } from "@/lib/review/saved-views";
import { bulkAction, deleteViewAction, saveViewAction } from "./actions";

export const metadata = { title: "Trajectories" };

function sortLinks(filter: ListFilter): Record<SortKey, SortLink> {
  const entries = SORTS.map((key) => {
    const active = filter.sort === key;
    // a second click on the active column turns it around
    const dir = active ? (filter.dir === "desc" ? "asc" : "desc") : "desc";
    return [key, { href: `/trajectories?${listFilterQuery(filter, { sort: key, dir, page: undefined })}`, active, dir: active ? filter.dir : dir }] as const;
  });
  return Object.fromEntries(entries) as Record<SortKey, SortLink>;
}

export default async function TrajectoriesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser();
  const filter = parseListFilter(await searchParams);
  const [{ rows, total, totalKind }, options, views] = await Promise.all([
    listTrajectories(db(), filter),
    listFilterOptions(db()),
    listSavedViews(db(), user.id),
  ]);
  const filtered = isFiltered(filter);
  return (
    <>
      <PageHeader
        title="Trajectories"
        description="Simulated and imported episodes: the user, the agent and the tools, step by step. Filters live in the address bar, so a view can be shared or saved."
        actions={
          <Link href="/review" className="text-sm text-indigo-600 hover:underline">
            Review queues →
          </Link>
        }
      />
      {total === 0 && !filtered ? (
        <EmptyState title="No trajectories yet" stage="simulate" href="/tasks">
          <p className="text-sm text-slate-500">Imported trajectories (Datasets) show here too.</p>
        </EmptyState>
      ) : (
        <>
          <SavedViews views={views} currentQuery={listFilterQuery(filter, { page: undefined })} save={saveViewAction} remove={deleteViewAction} />
          <ListFilters key={listFilterQuery(filter)} filter={filter} options={options} />
          {rows.length === 0 ? (
            <EmptyState title="No trajectory matches these filters" stage="simulate" />
          ) : (
            <>
              <TrajectoryTable
                rows={rows}
                sortLinks={sortLinks(filter)}
                canReview={hasRole(user.role, "reviewer")}
                canAdmin={hasRole(user.role, "admin")}
                bulk={bulkAction}
              />
              <ListPager filter={filter} total={total} kind={totalKind} />
            </>
          )}
        </>
      )}
    </>
  );
}
