import Link from "next/link";
import { notFound } from "next/navigation";
import { TrajectoryWorkspace } from "@/components/trajectory/trajectory-workspace";
import { PageHeader } from "@/components/ui/page-header";
import { ReviewFlagNotice } from "@/components/judge/review-flag-notice";
import { TASK_PARTIES } from "@/lib/judge/task-review-flag";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { parseStep } from "@/lib/review/steps";
import { loadTrajectoryTitle, trajectoryTitle } from "@/lib/review/item-titles";
import { loadLabelForm } from "@/lib/review/label-form-data";
import { loadTrajectoryViewFor } from "@/lib/review/blind-view";
import { loadCorrectionView } from "@/lib/review/corrections";
import { annotateStepAction, labelTrajectoryAction, startForkAction } from "./actions";
import { correctTrajectoryAction } from "./correction-actions";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return { title: (await loadTrajectoryTitle(db(), (await params).id)) ?? "Trajectory" };
}

export default async function TrajectoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser();
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const canLabel = hasRole(user.role, "reviewer");
  const [seen, form, corrections] = await Promise.all([
    loadTrajectoryViewFor(db(), id, user.id),
    canLabel ? loadLabelForm(db(), { trajectoryId: id, reviewerId: user.id }) : null,
    loadCorrectionView(db(), id),
  ]);
  if (!seen) notFound();
  const { view } = seen;
  return (
    <>
      <PageHeader
        title={trajectoryTitle({ id, agent: view.agent, task: view.task })}
        description={
          <span className="font-mono text-xs" data-testid="trajectory-id">
            {id}
          </span>
        }
        actions={
          <span className="flex gap-4 text-sm">
            <a href={`/api/trajectories/${id}`} className="text-indigo-600 hover:underline">
              Download JSON
            </a>
            <Link href="/trajectories" className="text-indigo-600 hover:underline">
              ← All trajectories
            </Link>
          </span>
        }
      />
      {view.task && !(TASK_PARTIES as readonly string[]).includes(view.trajectory.blame ?? "") && (
        <ReviewFlagNotice taskId={view.task.id} reason={view.task.reviewFlag} />
      )}
      <TrajectoryWorkspace
        view={view}
        initialStep={parseStep(search.step, view.steps.length)}
        label={form ? { action: labelTrajectoryAction, form, annotate: annotateStepAction } : undefined}
        fork={hasRole(user.role, "admin") ? startForkAction : undefined}
        correction={{ view: corrections, action: canLabel ? correctTrajectoryAction : undefined }}
      />
    </>
  );
}
