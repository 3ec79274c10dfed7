import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Sources" };

export default function SourcesPage() {
  return (
    <>
      <PageHeader title="Sources" description="MCP servers (stdio and HTTP) and tool files the catalogue is harvested from." />
      <EmptyState title="No tool sources yet" stage="harvest" />
    </>
  );
}
