import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Datasets" };

export default function DatasetsPage() {
  return (
    <>
      <PageHeader title="Datasets" description="Accepted trajectories exported as training data." />
      <EmptyState title="No datasets yet" stage="export" />
    </>
  );
}
