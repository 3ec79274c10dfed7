import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Trajectories" };

export default function TrajectoriesPage() {
  return (
    <>
      <PageHeader title="Trajectories" description="Simulated episodes: the user, the agent and the tools, step by step." />
      <EmptyState title="No trajectories yet" stage="simulate" />
    </>
  );
}
