import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Agents" };

export default function AgentsPage() {
  return (
    <>
      <PageHeader title="Agents" description="System prompts with coherent tool sets, distractors included." />
      <EmptyState title="No agents yet" stage="synthesize agents" />
    </>
  );
}
