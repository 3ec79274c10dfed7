import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/session";

export const metadata = { title: "Review" };

export default async function ReviewPage() {
  await requirePageUser();
  return (
    <>
      <PageHeader title="Review" description="Label trajectories and override the judge." />
      <EmptyState title="Nothing to review yet" stage="judge" />
    </>
  );
}
