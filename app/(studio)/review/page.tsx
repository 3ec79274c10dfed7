import Link from "next/link";
import { AgreementNumbers } from "@/components/review/agreement-numbers";
import { CreateQueueForm } from "@/components/review/create-queue-form";
import { QueueList } from "@/components/review/queue-list";
import { QueueReviewers } from "@/components/review/queue-reviewers";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { calibrate } from "@/lib/judge/calibration";
import { trajectoryCount } from "@/lib/review/list";
import { listQueues, QUEUE_PRESETS } from "@/lib/review/queues";
import { activeScoreConfigs } from "@/lib/review/score-configs";
import { assignableReviewers, reviewerProgress } from "@/lib/review/queue-reviewers";
import { assignReviewersAction, unassignReviewerAction } from "./queue-reviewer-actions";
import { createQueueAction, startReviewingAction } from "./actions";

export const metadata = { title: "Review" };

export default async function ReviewPage({ searchParams }: { searchParams: Promise<{ finished?: string }> }) {
  const user = await requirePageUser();
  const [{ finished }, queues, calibrations, trajectories, configs, people] = await Promise.all([
    searchParams,
    listQueues(db(), user.id),
    calibrate(db()),
    trajectoryCount(db()),
    activeScoreConfigs(db()),
    assignableReviewers(db()),
  ]);
  const progress = new Map(await Promise.all(queues.map(async (q) => [q.id, await reviewerProgress(db(), q.id)] as const)));
  const isAdmin = hasRole(user.role, "admin");
  const canReview = hasRole(user.role, "reviewer");
  const finishedQueue = finished ? queues.find((q) => q.id === finished) : undefined;
  return (
    <>
      <PageHeader
        title="Review"
        description="Label trajectories and override the judge. A queue hands each reviewer the next trajectory nobody else holds; every label is kept, and the latest one (or an adjudicator's final label) decides the effective verdict."
        actions={
          <span className="flex flex-wrap gap-4 text-sm">
            <Link href="/review/scores" className="text-indigo-600 hover:underline">
              Score configurations
            </Link>
            <Link href="/review/adjudication" className="text-indigo-600 hover:underline">
              Adjudication
            </Link>
            <Link href="/calibration" className="text-indigo-600 hover:underline">
              Judge–human agreement in detail →
            </Link>
          </span>
        }
      />
      {trajectories === 0 ? (
        <EmptyState title="Nothing to review yet" stage="simulate" href="/tasks" />
      ) : (
        <div className="space-y-6">
          {finishedQueue && (
            <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
              You reached the end of “{finishedQueue.name}”: nothing is left that nobody holds.
            </p>
          )}
          <Card title="Judge–human agreement">
            <AgreementNumbers calibrations={calibrations} />
          </Card>
          <Card title="Queues">
            {queues.length === 0 ? (
              <p className="text-sm text-slate-500">No queue yet{canReview ? ": make one below." : "."}</p>
            ) : (
              <QueueList
                queues={queues}
                canReview={canReview}
                start={startReviewingAction}
                reviewers={(id) => (
                  <QueueReviewers
                    queueId={id}
                    progress={progress.get(id) ?? []}
                    {...(isAdmin ? { people, assign: assignReviewersAction, unassign: unassignReviewerAction } : {})}
                  />
                )}
              />
            )}
          </Card>
          {canReview && (
            <Card title="Make a queue">
              <CreateQueueForm presets={QUEUE_PRESETS} configs={configs} create={createQueueAction} />
            </Card>
          )}
        </div>
      )}
    </>
  );
}
