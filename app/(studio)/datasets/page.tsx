import { DatasetRuns } from "@/components/datasets/dataset-runs";
import { DatasetVersionCard } from "@/components/datasets/dataset-version";
import { ExportForm } from "@/components/datasets/export-form";
import { ImportForm } from "@/components/datasets/import-form";
import { PreferenceExportForm } from "@/components/datasets/preference-export-form";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { listDatasets } from "@/lib/datasets/files";
import { FORMATS } from "@/lib/datasets/formats";
import { exportChoices, recentDatasetRuns } from "@/lib/datasets/queries";
import { runProgress } from "@/lib/jobs/progress";
import { exportPreferencesAction, previewRecordAction, startExportAction } from "./actions";

export const metadata = { title: "Datasets" };

export default async function DatasetsPage() {
  const user = await requirePageUser();
  const isAdmin = hasRole(user.role, "admin");
  const [datasets, runs, choices] = await Promise.all([listDatasets(db()), recentDatasetRuns(db()), exportChoices(db())]);
  const formats = Object.values(FORMATS).map((f) => ({ id: f.id, title: f.title }));
  return (
    <>
      <PageHeader
        title="Datasets"
        description="Accepted trajectories exported as training data, one version per export with a manifest and a dataset card; and trajectories made elsewhere, imported to be judged and reviewed like our own."
      />
      <div className="space-y-6">
        {isAdmin && (
          <div className="grid grid-cols-1 gap-6 xl:grid-cols-3">
            <div className="xl:col-span-2">
              <Card title="Export a dataset version">
                <ExportForm formats={formats} start={startExportAction} choices={choices} />
              </Card>
            </div>
            <Card title="Import trajectories">
              <ImportForm />
            </Card>
            <Card title="Export preference pairs">
              <PreferenceExportForm exportPairs={exportPreferencesAction} />
            </Card>
          </div>
        )}
        <Card title="Latest export and import runs">
          <DatasetRuns initial={runs.map((r) => runProgress(r))} />
        </Card>
        {datasets.length === 0 ? (
          <EmptyState title="No datasets yet" stage="export" />
        ) : (
          datasets.map((d) => (
            <div key={d.id} id={d.id}>
              <DatasetVersionCard dataset={d} formatTitle={FORMATS[d.format as keyof typeof FORMATS]?.title ?? d.format} preview={previewRecordAction} />
            </div>
          ))
        )}
      </div>
    </>
  );
}
