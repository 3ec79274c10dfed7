import type { ReactNode } from "react";
import { LabelForm } from "@/components/review/label-form";
import { Card } from "@/components/ui/card";
import type { Result } from "@/lib/actions/result";
import type { StartRunResult } from "@/lib/jobs/runs";
import type { ForkRequest } from "@/lib/review/fork";
import type { LabelInput } from "@/lib/review/label";
import type { LabelFormData } from "@/lib/review/label-form-data";
import type { CorrectionView } from "@/lib/review/corrections";
import type { TrajectoryView } from "@/lib/review/viewer";
import type { Protocol } from "@/lib/simulation/options";
import { lineageOf } from "@/lib/review/lineage";
import { AgentPanel, JudgementsPanel, ReviewsPanel, TaskPanel } from "./context-panels";
import { CorrectionPanel, type CorrectAction } from "./correction-panel";
import { LineagePanel } from "./lineage-panel";
import { ForkFromHere } from "./fork-from-here";
import { JumpToReview } from "./jump-to-review";
import { StepProvider } from "./step-context";
import type { AnnotateAction } from "./step-notes";
import { TrajectorySummary } from "./trajectory-summary";
import { TrajectoryViewer } from "./trajectory-viewer";
import { WorldPanel } from "./world-panel";

/**
 * The steps on the left, the context on the right: the label form (for
 * reviewers), the task, the simulated world, the judgement, the reviews, the agent, the fork form
 * (for admins) and the lineage. Shared by the trajectory page and the review queue.
 */
export function TrajectoryWorkspace({
  view,
  initialStep,
  label,
  fork,
  correction,
  labelTitle = "Your review",
}: {
  view: TrajectoryView;
  initialStep: number;
  label?: {
    action: (input: LabelInput) => Promise<Result>;
    /** what the form asks and starts from */
    form: LabelFormData;
    /** reviewers annotate steps with the form's step-level configurations */
    annotate?: AnnotateAction;
    queueId?: string;
    submitLabel?: string;
    extra?: ReactNode;
  };
  fork?: (request: ForkRequest) => Promise<StartRunResult>;
  /** the corrected versions; reviewers correct with `action` */
  correction?: { view: CorrectionView; action?: CorrectAction };
  labelTitle?: string;
}) {
  const t = view.trajectory;
  const latestReviewId = view.reviews[0]?.id ?? null;
  return (
    <StepProvider initialStep={initialStep}>
      <div className="mb-4">
        <TrajectorySummary trajectory={t} />
      </div>
      <div className={`grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_24rem] ${label ? "pb-14 lg:pb-0" : ""}`}>
        <TrajectoryViewer
          steps={view.steps}
          marks={view.marks}
          citations={view.citations}
          trajectoryId={t.id}
          annotations={view.annotations}
          annotate={label?.annotate ? { action: label.annotate, configs: label.form.stepConfigs } : undefined}
          corrected={correction?.view.latest?.steps}
        />
        <aside className="space-y-4">
          {label && (
            <div id="your-review" className="scroll-mt-4">
              <Card title={labelTitle}>
                <LabelForm
                  key={latestReviewId ?? "none"}
                  trajectoryId={t.id}
                  queueId={label.queueId}
                  basedOnReviewId={latestReviewId}
                  criteria={label.form.rubric ? view.criteria.map((c) => ({ id: c.id, text: c.text })) : []}
                  configs={label.form.configs}
                  previous={label.form.previous}
                  tags={label.form.tags}
                  judgeVerdict={t.judgeVerdict}
                  action={label.action}
                  submitLabel={label.submitLabel}
                />
                {label.extra}
              </Card>
            </div>
          )}
          {correction && (
            <Card title={`Corrections (${correction.view.history.length})`}>
              <CorrectionPanel
                trajectoryId={t.id}
                original={view.steps}
                view={correction.view}
                action={correction.action}
                fork={t.taskId ? { start: fork } : undefined}
              />
            </Card>
          )}
          <Card title="Task">
            <TaskPanel task={view.task} />
          </Card>
          {view.world && (
            <Card title="World">
              <WorldPanel
                world={view.world}
                blame={view.judgements[0]?.blame ? { blame: view.judgements[0].blame, reasons: view.judgements[0].blameReasons } : null}
              />
            </Card>
          )}
          <Card title="Judgement">
            <JudgementsPanel judgements={view.judgements} />
          </Card>
          <Card title={`Reviews (${view.reviews.length})`}>
            <ReviewsPanel reviews={view.reviews} criteria={view.criteria} judgeVerdict={view.judgements[0]?.verdict ?? null} />
          </Card>
          <Card title="Agent and tools">
            <AgentPanel agent={view.agent} tools={view.tools} />
          </Card>
          {fork && (
            <Card title="Fork from here">
              {t.taskId ? (
                <ForkFromHere trajectoryId={t.id} kinds={view.steps.map((s) => s.kind)} protocol={t.protocol as Protocol} seed={t.seed} start={fork} />
              ) : (
                <p className="text-sm text-slate-500">Only trajectories simulated from a task can be forked; this one has no task.</p>
              )}
            </Card>
          )}
          <Card title="Forks">
            <LineagePanel initial={lineageOf(t)} />
          </Card>
        </aside>
        {label && <JumpToReview targetId="your-review" label={labelTitle} />}
      </div>
    </StepProvider>
  );
}
