import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Categories" };

export default function CategoriesPage() {
  return (
    <>
      <PageHeader title="Categories" description="Tools embedded and clustered into categories, and the map of the tool space." />
      <EmptyState title="No categories yet" stage="cluster" />
    </>
  );
}
