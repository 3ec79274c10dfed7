"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { Result } from "@/lib/actions/result";
import type { StartRunResult } from "@/lib/jobs/runs";
import type { ForkRequest } from "@/lib/review/fork";
import { argumentsText } from "@/lib/review/correction-diff";
import type { CorrectionInput, CorrectionView } from "@/lib/review/corrections";
import { stepNumber } from "@/lib/trajectory/step-number";
import type { Step } from "@/lib/trajectory/types";
import { utcMinute } from "@/lib/util/format";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input, Textarea } from "@/components/ui/field";
import { ForkProgress } from "./fork-progress";
import { useCurrentStep } from "./step-context";
import { useForkStarted } from "./use-lineage";

export type CorrectAction = (input: CorrectionInput) => Promise<Result<{ id: string; editedSteps: number[] }>>;

/** Who corrected the trajectory, when and why, newest first. */
function History({ history }: { history: CorrectionView["history"] }) {
  if (history.length === 0) return <p className="text-sm text-slate-500">Not corrected: exports write the original.</p>;
  return (
    <ol className="space-y-1 text-xs" aria-label="Corrections">
      {history.map((c, i) => (
        <li key={c.id} className="rounded border-l-2 border-emerald-500 bg-emerald-50 px-2 py-1 text-emerald-950" data-testid="correction">
          <span className="font-medium">{i === 0 ? "Exported version" : "Superseded"}</span> · steps {c.editedSteps.map(stepNumber).join(", ")}
          <span className="block whitespace-pre-wrap break-words">{c.reason}</span>
          <span className="block text-[11px] text-emerald-900/80">
            {c.author.name} · {utcMinute(c.createdAt)} UTC
          </span>
        </li>
      ))}
    </ol>
  );
}

/** Edits one assistant step of the latest version: its text, its calls' tools and arguments. */
function CorrectStepForm({
  trajectoryId,
  basedOnId,
  step,
  index,
  finalAnswer,
  action,
  onDone,
}: {
  trajectoryId: string;
  basedOnId: string | null;
  step: Step;
  index: number;
  finalAnswer: boolean;
  action: CorrectAction;
  onDone: () => void;
}) {
  const router = useRouter();
  const [content, setContent] = useState(step.content ?? "");
  const [calls, setCalls] = useState((step.toolCalls ?? []).map((c) => ({ name: c.name, arguments: argumentsText(c) })));
  const [reason, setReason] = useState("");
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const [pending, start] = useTransition();
  const id = `correct-${index}`;
  const setCall = (i: number, patch: Partial<(typeof calls)[number]>) => setCalls((cs) => cs.map((c, k) => (k === i ? { ...c, ...patch } : c)));

  const submit = () =>
    start(async () => {
      const res = await action({ trajectoryId, basedOnId, step: index, content, toolCalls: calls, reason });
      if (!res.ok) return setError({ message: res.error, fields: res.fieldErrors ?? {} });
      setError(null);
      router.refresh();
      onDone();
    });

  return (
    <form className="space-y-2" data-testid="correct-form" onSubmit={(e) => (e.preventDefault(), submit())} onKeyDown={(e) => e.key === "Escape" && onDone()}>
      <p className="text-xs font-medium text-slate-700">Correct step {stepNumber(index)}</p>
      <Field label={finalAnswer ? "Final answer" : "Text"}>
        <Textarea id={`${id}-text`} rows={3} value={content} onChange={(e) => setContent(e.target.value)} />
      </Field>
      {calls.map((c, i) => (
        <fieldset key={i} className="space-y-1 rounded-md border border-violet-200 p-2">
          <legend className="px-1 text-xs text-violet-800">Tool call {calls.length > 1 ? i + 1 : ""}</legend>
          <Field label="Tool">
            <Input value={c.name} onChange={(e) => setCall(i, { name: e.target.value })} aria-invalid={!!error?.fields[`toolCalls.${i}.name`]} />
          </Field>
          <Field label="Arguments (JSON)" hint={error?.fields[`toolCalls.${i}.arguments`]}>
            <Textarea
              rows={3}
              value={c.arguments}
              onChange={(e) => setCall(i, { arguments: e.target.value })}
              aria-invalid={!!error?.fields[`toolCalls.${i}.arguments`]}
              spellCheck={false}
            />
          </Field>
        </fieldset>
      ))}
      <Field label="Why">
        <Input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. the user asked for two days" maxLength={2000} />
      </Field>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending} className="text-xs" data-testid="save-correction">
          {pending ? "Saving…" : "Save correction"}
        </Button>
        <Button type="button" variant="secondary" className="text-xs" onClick={onDone}>
          Cancel
        </Button>
      </div>
      <FormError message={error?.message} />
    </form>
  );
}

export type StartFork = (request: ForkRequest) => Promise<StartRunResult>;

/** Offers to simulate again from the step after the latest correction's last edit, with the edit in place (the fork). */
function Resimulate({ trajectoryId, correctionId, atStep, start }: { trajectoryId: string; correctionId: string; atStep: number; start?: StartFork }) {
  const started = useForkStarted(trajectoryId);
  const [runId, setRunId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, begin] = useTransition();
  if (!start) return <p className="text-xs text-slate-500">An admin can re-simulate from step {stepNumber(atStep)} with this edit in place.</p>;
  if (runId) return <ForkProgress trajectoryId={trajectoryId} runId={runId} />;
  const go = () =>
    begin(async () => {
      const res = await start({ forks: [{ trajectoryId, atStep, correctionId }] });
      if (!res.ok) return setError(res.error);
      started(res.runId);
      setRunId(res.runId);
    });
  return (
    <div className="space-y-1">
      <p className="text-xs text-slate-500">Exports leave out a corrected call still answered by its original result: re-simulate to answer it anew.</p>
      <Button type="button" variant="secondary" className="text-xs" disabled={pending} onClick={go} data-testid="resimulate-correction">
        Re-simulate from step {stepNumber(atStep)} with this edit
      </Button>
      <FormError message={error} />
    </div>
  );
}

/**
 * The trajectory's corrections, and for reviewers an editor of the step the
 * viewer is on (an agent's turn), starting from the latest corrected version.
 */
export function CorrectionPanel({
  trajectoryId,
  original,
  view,
  action,
  fork,
}: {
  trajectoryId: string;
  original: Step[];
  view: CorrectionView;
  action?: CorrectAction;
  /** re-simulating after an edit: absent when the trajectory cannot be forked; `start` absent for those who may not fork */
  fork?: { start?: StartFork };
}) {
  const { current } = useCurrentStep();
  const [editing, setEditing] = useState<number | null>(null);
  const steps = view.latest?.steps ?? original;
  const lastAnswer = steps.findLastIndex((s) => s.role === "assistant" && !s.toolCalls?.length);
  const step = steps[current];
  // the fork keeps every step up to the last edited turn of the agent and simulates the rest again, its calls' results first
  const agentEdits = view.history[0]?.editedSteps.filter((i) => steps[i]?.role === "assistant") ?? [];
  const lastEdit = agentEdits.length ? Math.max(...agentEdits) : null;
  return (
    <div className="space-y-3">
      <History history={view.history} />
      {fork && view.latest && lastEdit !== null && lastEdit < steps.length - 1 && (
        <Resimulate key={view.latest.id} trajectoryId={trajectoryId} correctionId={view.latest.id} atStep={lastEdit + 1} start={fork.start} />
      )}
      {action &&
        (editing !== null && steps[editing] ? (
          <CorrectStepForm
            key={`${view.latest?.id ?? "original"}-${editing}`}
            trajectoryId={trajectoryId}
            basedOnId={view.latest?.id ?? null}
            step={steps[editing]}
            index={editing}
            finalAnswer={editing === lastAnswer}
            action={action}
            onDone={() => setEditing(null)}
          />
        ) : step?.role === "assistant" ? (
          <Button type="button" variant="secondary" className="text-xs" onClick={() => setEditing(current)} data-testid="correct-step">
            Correct step {stepNumber(current)}
          </Button>
        ) : (
          <p className="text-xs text-slate-500">Go to one of the agent&apos;s turns to correct its text, a tool call or the final answer.</p>
        ))}
    </div>
  );
}
