import { RunsTable } from "@/components/runs/runs-table";
import { TrialRunForm } from "@/components/runs/trial-run-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/session";
import { hasRole } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { latestRuns } from "@/lib/jobs/queries";
import { cancelRunAction, retryFailedItemsAction, setRunBudgetAction, startTrialRunAction } from "./actions";

export const metadata = { title: "Runs" };

export default async function RunsPage() {
  const user = await requirePageUser();
  const runs = await latestRuns(db());
  const isAdmin = hasRole(user.role, "admin");
  return (
    <>
      <PageHeader
        title="Runs"
        description="Every stage of the pipeline runs as a job on the queue. Progress updates live; an admin can cancel a run, retry its failed items, or raise the budget of a run paused at its cap, and a run interrupted by a crash resumes where it stopped."
        actions={isAdmin ? <TrialRunForm start={startTrialRunAction} /> : undefined}
      />
      <RunsTable initial={runs} canManage={isAdmin} actions={{ cancel: cancelRunAction, retry: retryFailedItemsAction, setBudget: setRunBudgetAction }} />
    </>
  );
}
