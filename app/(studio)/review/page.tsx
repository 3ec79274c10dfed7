import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Review" };

export default function ReviewPage() {
  return (
    <>
      <PageHeader title="Review" description="Label trajectories and override the judge." />
      <EmptyState title="Nothing to review yet" stage="judge" />
    </>
  );
}
