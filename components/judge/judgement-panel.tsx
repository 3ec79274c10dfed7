import { Badge } from "@/components/ui/badge";
import type { JudgementView } from "@/lib/judge/judgement-view";
import { percent, usd } from "./format";
import { ExecutionSection, RubricSection, RulesSection } from "./judgement-layers";
import { StepLinks, stepQueryHref, type StepHref } from "./step-links";
import { BlameSection, StateSection, VerdictRule } from "./state-section";
import { utcMinute } from "@/lib/util/format";

/**
 * A judgement's verdict, the filter's reasons and its three layers (rules,
 * execution, rubric), each pointing at the steps it is about. Server-renderable.
 * `stepHref` turns a step index into a link (default `?step=N`).
 */
export function JudgementPanel({ judgement, stepHref = stepQueryHref }: { judgement: JudgementView; stepHref?: StepHref }) {
  const j = judgement;
  const offline = j.rubric?.provider === "offline";
  return (
    <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm" data-testid="judgement-panel">
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Badge tone={j.verdict === "accepted" ? "green" : "red"}>{j.verdict}</Badge>
        <span className="font-medium text-slate-800">score {j.score.toFixed(2)}</span>
        {j.confidence != null && <span className="text-slate-500">confidence {percent(j.confidence)}</span>}
        {j.agreement != null && j.rubric && j.rubric.samples.length > 1 && (
          <span className="text-slate-500">
            {percent(j.agreement)} of {j.rubric.samples.length} samples agree
          </span>
        )}
        <span className="ml-auto text-xs text-slate-500" title={`configuration ${j.configHash}`}>
          {j.judgeModel} · prompt {j.promptVersion} · {usd(j.costUsd)} · {utcMinute(j.createdAt)}
        </span>
      </header>
      {offline && (
        <p className="rounded bg-amber-50 px-2 py-1 text-xs text-amber-900">
          The rubric scores and justifications were made by the offline provider, not by a model.
        </p>
      )}
      {j.decision && j.decision.reasons.length > 0 && (
        <div>
          <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">Why it was rejected</h3>
          <ul className="space-y-1">
            {j.decision.reasons.map((r, i) => (
              <li key={i} className="flex flex-wrap items-baseline gap-2">
                {r.layer && <Badge tone="gray">{r.layer}</Badge>}
                <span className="text-slate-800">{r.message}</span>
                <StepLinks steps={r.steps} href={stepHref} />
              </li>
            ))}
          </ul>
        </div>
      )}
      <RulesSection checks={j.rules} stepHref={stepHref} />
      {j.execution && <ExecutionSection execution={j.execution} stepHref={stepHref} />}
      {j.state && <StateSection state={j.state} />}
      {j.rubric && <RubricSection rubric={j.rubric} stepHref={stepHref} belowMinimum={!!j.decision?.reasons.some((r) => r.layer === "rubric")} />}
      {j.blame && <BlameSection blame={j.blame} reasons={j.blameReasons} />}
      <VerdictRule />
    </section>
  );
}
