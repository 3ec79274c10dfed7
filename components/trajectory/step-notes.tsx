"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { formatScoreValue, type ScoreConfigView, type ScoreValue } from "@/lib/review/score-config-schema";
import type { AnnotateResult, StepAnnotation, StepAnnotationInput } from "@/lib/review/step-annotations";
import { utcMinute } from "@/lib/util/format";
import { stepNumber } from "@/lib/trajectory/step-number";
import { answersToSend } from "@/lib/review/score-answers";
import { ScoreInput } from "@/components/review/score-inputs";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";

export type AnnotateAction = (input: StepAnnotationInput) => Promise<AnnotateResult>;

/** The annotations on one step, oldest first. */
export function StepNoteList({ notes }: { notes: StepAnnotation[] }) {
  if (notes.length === 0) return null;
  return (
    <ul className="mt-1 space-y-1 text-xs" aria-label="Annotations on this step">
      {notes.map((n) => (
        <li key={n.id} className="rounded border-l-2 border-amber-500 bg-amber-50 px-2 py-1 text-amber-950" data-testid="step-annotation">
          {n.config && (
            <span className="font-medium">
              {n.config.name}: {formatScoreValue(n.value)}
              {n.comment && " · "}
            </span>
          )}
          {n.comment && <span className="whitespace-pre-wrap break-words">{n.comment}</span>}
          <span className="block text-[11px] text-amber-900/80">
            {n.author.name} · {utcMinute(n.createdAt)} UTC
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Adds a note to one step: a step-level score, a comment, or both. */
export function AnnotateStepForm({
  trajectoryId,
  step,
  configs,
  action,
  onDone,
}: {
  trajectoryId: string;
  step: number;
  configs: ScoreConfigView[];
  action: AnnotateAction;
  onDone: () => void;
}) {
  const router = useRouter();
  const [configId, setConfigId] = useState(configs[0]?.id ?? "");
  const [value, setValue] = useState<ScoreValue | undefined>(undefined);
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const config = configs.find((c) => c.id === configId);
  const id = `annotate-${step}`;

  const submit = () => {
    const [score] = config ? answersToSend([config], { [config.id]: value }) : [];
    start(async () => {
      const res = await action({ trajectoryId, step, score, comment });
      if (!res.ok) return setError(res.error);
      setError(null);
      router.refresh();
      onDone();
    });
  };

  return (
    <form
      className="mt-2 space-y-2 rounded-md border border-amber-200 bg-white p-2 text-sm"
      data-testid="annotate-form"
      onClick={(e) => e.stopPropagation()}
      onSubmit={(e) => (e.preventDefault(), submit())}
      onKeyDown={(e) => e.key === "Escape" && onDone()}
    >
      <p className="text-xs font-medium text-slate-700">Annotate step {stepNumber(step)}</p>
      {configs.length > 0 && (
        <div>
          <label className="block text-xs text-slate-700" htmlFor={`${id}-config`}>
            Score
          </label>
          <select
            id={`${id}-config`}
            value={configId}
            onChange={(e) => (setConfigId(e.target.value), setValue(undefined))}
            className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
          >
            {configs.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
            <option value="">none, only the comment</option>
          </select>
        </div>
      )}
      {config && <ScoreInput config={config} value={value} onChange={setValue} keys={[]} idPrefix={id} />}
      <div>
        <label className="block text-xs text-slate-700" htmlFor={`${id}-comment`}>
          Comment
        </label>
        <textarea
          id={`${id}-comment`}
          rows={2}
          maxLength={2000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder="e.g. wrong tool here"
          className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
        />
      </div>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending} className="text-xs" data-testid="save-annotation">
          {pending ? "Saving…" : "Save note"}
        </Button>
        <Button type="button" variant="secondary" className="text-xs" onClick={onDone}>
          Cancel
        </Button>
      </div>
      <FormError message={error} />
    </form>
  );
}
