import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Tools" };

export default function ToolsPage() {
  return (
    <>
      <PageHeader title="Tools" description="Real and synthetic tool specs with their quality verdicts." />
      <EmptyState title="No tools yet" stage="harvest" />
    </>
  );
}
