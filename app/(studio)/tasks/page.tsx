import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Tasks" };

export default function TasksPage() {
  return (
    <>
      <PageHeader title="Tasks" description="Tasks per agent with rubrics and user personas, from single calls to multi-step work." />
      <EmptyState title="No tasks yet" stage="synthesize tasks" />
    </>
  );
}
