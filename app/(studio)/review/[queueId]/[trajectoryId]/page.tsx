import Link from "next/link";
import { notFound } from "next/navigation";
import { QueueItemNav } from "@/components/review/queue-item-nav";
import { StartReviewingButton } from "@/components/review/start-reviewing-button";
import { TrajectoryWorkspace } from "@/components/trajectory/trajectory-workspace";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { previousItem, queuePosition } from "@/lib/review/queue-navigation";
import { getAssignment, getQueue, queueSize } from "@/lib/review/queues";
import { parseStep } from "@/lib/review/steps";
import { loadTrajectoryTitle } from "@/lib/review/item-titles";
import { loadLabelForm } from "@/lib/review/label-form-data";
import { loadTrajectoryViewFor } from "@/lib/review/blind-view";
import { annotateStepAction } from "../../../trajectories/[id]/actions";
import { labelInQueueAction, skipItemAction, startReviewingAction } from "../../actions";

export async function generateMetadata({ params }: { params: Promise<{ trajectoryId: string }> }) {
  const title = await loadTrajectoryTitle(db(), (await params).trajectoryId);
  return { title: title ? `Review: ${title}` : "Review" };
}

export default async function QueueItemPage({
  params,
  searchParams,
}: {
  params: Promise<{ queueId: string; trajectoryId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser();
  const [{ queueId, trajectoryId }, search] = await Promise.all([params, searchParams]);
  const [queue, seen, assignment] = await Promise.all([
    getQueue(db(), queueId),
    loadTrajectoryViewFor(db(), trajectoryId, user.id),
    getAssignment(db(), queueId, trajectoryId, user.id),
  ]);
  if (!queue || !seen) notFound();
  const { view, blind } = seen;
  const mine = assignment?.reviewerId === user.id && assignment.status === "open";
  const labelledByMe = assignment?.reviewerId === user.id && assignment.status === "done";
  const [previous, position] = await Promise.all([
    previousItem(db(), queueId, user.id, trajectoryId),
    queueSize(db(), queueId).then((total) => queuePosition(db(), queueId, trajectoryId, total)),
  ]);
  const state = !assignment
    ? "Not claimed in this queue."
    : assignment.status === "done"
      ? labelledByMe
        ? "You labelled this item: a new label is added to its reviews, then your held item opens again."
        : queue.reviewsPerItem > 1
          ? "Another reviewer labelled this item in this queue."
          : "Already labelled in this queue."
      : mine
        ? null
        : `${assignment.reviewer.name} holds this trajectory until ${assignment.expiresAt.toISOString().slice(11, 16)} UTC.`;
  const canLabel = (mine || labelledByMe) && hasRole(user.role, "reviewer");
  const form = canLabel ? await loadLabelForm(db(), { trajectoryId, reviewerId: user.id, queueId }) : null;
  return (
    <>
      <PageHeader
        title={`Review · ${queue.name}`}
        description={
          <span className="flex flex-wrap items-center gap-3">
            <Link href={`/trajectories/${trajectoryId}`} className="font-mono text-xs text-indigo-600 hover:underline">
              {trajectoryId}
            </Link>
            <span className="text-xs">a / r choose, digits answer, Enter saves and opens the next · j / k step through · ? lists every key</span>
          </span>
        }
        actions={
          <Link href="/review" className="text-sm text-indigo-600 hover:underline">
            ← All queues
          </Link>
        }
      />
      <div className="mb-4">
        <QueueItemNav
          position={position.position}
          total={position.total}
          previousHref={previous ? `/review/${queueId}/${previous}` : null}
          skip={mine && hasRole(user.role, "reviewer") ? skipItemAction.bind(null, { queueId, trajectoryId }) : undefined}
        />
      </div>
      {blind && (
        <p className="mb-4 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700" role="note" data-testid="blind-note">
          Blind review: {queue.reviewsPerItem} reviewers label this item. Other reviewers&apos; labels stay hidden until you have saved yours.
        </p>
      )}
      {state && (
        <div className="mb-4 flex flex-wrap items-center gap-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status">
          {state}
          {hasRole(user.role, "reviewer") && <StartReviewingButton queueId={queueId} start={startReviewingAction} label="Take my next one" />}
        </div>
      )}
      <TrajectoryWorkspace
        view={view}
        initialStep={parseStep(search.step, view.steps.length)}
        labelTitle="Label"
        label={form ? { action: labelInQueueAction, form, annotate: annotateStepAction, queueId, submitLabel: "Save and next" } : undefined}
      />
    </>
  );
}
