import { AgreementSummary } from "@/components/judge/agreement-summary";
import { CompareConfigsForm } from "@/components/judge/compare-configs-form";
import { ConfigComparisonView } from "@/components/judge/config-comparison";
import { CriteriaTable } from "@/components/judge/criteria-table";
import { StartJudgeForm } from "@/components/judge/start-judge-form";
import Link from "next/link";
import { ReviewerAgreementTable } from "@/components/review/reviewer-agreement-table";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { calibrate, compareConfigs, listJudgeConfigs } from "@/lib/judge/calibration";
import { isOfflineJudgeModel } from "@/lib/judge/deps";
import { simulateRunChoices } from "@/lib/judge/queries";
import { startJudgeRunAction } from "./actions";
import { loadTrajectoryTitles } from "@/lib/review/item-titles";
import { reviewerAgreement } from "@/lib/review/reviewer-agreement";
import { utcMinute } from "@/lib/util/format";

export const metadata = { title: "Calibration" };

type Search = { a?: string; b?: string };

export default async function CalibrationPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requirePageUser();
  const { a, b } = await searchParams;
  const [calibrations, configs, simulateRuns, betweenReviewers] = await Promise.all([
    calibrate(db()),
    listJudgeConfigs(db()),
    simulateRunChoices(db()),
    reviewerAgreement(db()),
  ]);
  const comparison = a && b ? await compareConfigs(db(), a, b) : null;
  const listed = [
    ...calibrations.flatMap((c) => [...c.verdict.disagreeing, ...c.criteria.flatMap((k) => k.disagreeing)]),
    ...(comparison ? [...comparison.between.disagreeing, ...comparison.onlyARight, ...comparison.onlyBRight] : []),
  ];
  const titles = await loadTrajectoryTitles(db(), listed);
  return (
    <>
      <PageHeader
        title="Calibration"
        description="How often the judge agrees with people on the trajectories they reviewed: accuracy, Cohen's kappa and the confusion matrix per judge configuration and per rubric criterion, with the disagreements one click away; and how often reviewers agree with each other."
      />
      <div className="space-y-6">
        {hasRole(user.role, "admin") && (
          <Card title="Judge trajectories">
            <StartJudgeForm
              start={startJudgeRunAction}
              simulateRuns={simulateRuns.map((r) => ({ id: r.id, label: `${utcMinute(r.createdAt)} · ${r.done} episodes` }))}
            />
          </Card>
        )}
        {calibrations.length === 0 ? (
          <EmptyState title="No reviewed trajectory has a judgement yet" stage="judge">
            <p className="text-sm text-slate-500">Agreement appears once trajectories are both judged and reviewed on the Review page.</p>
          </EmptyState>
        ) : (
          calibrations.map((c) => (
            <Card
              key={c.configHash}
              title={
                <span className="flex flex-wrap items-center gap-2">
                  Judge configuration <code className="text-xs text-slate-500">{c.configHash}</code> · {c.judgeModel} · prompt {c.promptVersion}
                  {isOfflineJudgeModel(c.judgeModel) && <Badge tone="amber">made by the offline provider</Badge>}
                </span>
              }
            >
              <div className="space-y-5" data-testid={`calibration-${c.configHash}`}>
                <AgreementSummary result={c.verdict} titles={titles} />
                <div>
                  <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">Per rubric criterion</h3>
                  <CriteriaTable criteria={c.criteria} titles={titles} />
                </div>
              </div>
            </Card>
          ))
        )}
        <Card title="Agreement between reviewers">
          <ReviewerAgreementTable rows={betweenReviewers} />
          <p className="mt-2 text-xs text-slate-500">
            Each reviewer counts with their latest label. Two reviewers: Cohen&apos;s κ; more: Krippendorff&apos;s α (nominal for verdicts, yes/no and options,
            interval for numbers). Where they disagree,{" "}
            <Link href="/review/adjudication" className="text-indigo-600 underline">
              adjudicate
            </Link>
            .
          </p>
        </Card>
        {configs.length >= 2 && (
          <Card title="Compare two judge configurations">
            <div className="space-y-4">
              <CompareConfigsForm configs={configs} a={a} b={b} />
              {comparison && <ConfigComparisonView comparison={comparison} titles={titles} />}
            </div>
          </Card>
        )}
      </div>
    </>
  );
}
