import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/session";

export const metadata = { title: "Trajectories" };

export default async function TrajectoriesPage() {
  await requirePageUser();
  return (
    <>
      <PageHeader title="Trajectories" description="Simulated episodes: the user, the agent and the tools, step by step." />
      <EmptyState title="No trajectories yet" stage="simulate" />
    </>
  );
}
