import { AddSourceForm } from "@/components/tools/add-source-form";
import { ImportServersForm } from "@/components/tools/import-servers-form";
import { RunStageButton } from "@/components/tools/run-stage-button";
import { SourceTable } from "@/components/tools/source-table";
import { UploadToolsForm } from "@/components/tools/upload-tools-form";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { listSources } from "@/lib/catalog/sources";
import { db } from "@/lib/db/client";
import {
  addSourceAction,
  deleteSourceAction,
  harvestAction,
  importServerListAction,
  setSourceDisabledAction,
  testSourceAction,
  updateSourceAction,
  uploadToolFileAction,
} from "./actions";

export const metadata = { title: "Sources" };

export default async function SourcesPage() {
  const user = await requirePageUser();
  const isAdmin = hasRole(user.role, "admin");
  const sources = await listSources(db(), { masked: !isAdmin });
  return (
    <>
      <PageHeader
        title="Sources"
        description="MCP servers (stdio and HTTP) and tool files the catalogue is harvested from. Harvesting again updates changed tools and keeps every version of their spec; a disabled source is skipped, and a deleted one leaves its tools in the catalogue."
        actions={isAdmin ? <RunStageButton label="Harvest all sources" start={harvestAction.bind(null, { sourceIds: [] })} variant="primary" /> : undefined}
      />
      <div className="space-y-6">
        {sources.length === 0 ? (
          <EmptyState title="No tool sources yet" stage="harvest">
            {isAdmin ? (
              <p className="text-sm text-slate-600">
                “Harvest all sources” adds the built-in MCP servers (everything, memory, filesystem, sequential thinking) and harvests them.
              </p>
            ) : null}
          </EmptyState>
        ) : (
          <Card title={`${sources.length} sources`}>
            <SourceTable
              sources={sources}
              canEdit={isAdmin}
              actions={{
                test: testSourceAction,
                harvest: harvestAction,
                update: updateSourceAction,
                setDisabled: setSourceDisabledAction,
                remove: deleteSourceAction,
              }}
            />
          </Card>
        )}
        {isAdmin && (
          <div className="grid grid-cols-1 gap-6 xl:grid-cols-3">
            <div className="xl:col-span-2">
              <Card title="Add an MCP server">
                <AddSourceForm add={addSourceAction} />
              </Card>
            </div>
            <Card title="Upload a tool file">
              <UploadToolsForm upload={uploadToolFileAction} />
            </Card>
            <div className="xl:col-span-3">
              <Card title="Import an MCP server list">
                <ImportServersForm importList={importServerListAction} />
              </Card>
            </div>
          </div>
        )}
      </div>
    </>
  );
}
