"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import type { Result } from "@/lib/actions/result";
import type { LabelInput } from "@/lib/review/label";
import type { PreviousLabel } from "@/lib/review/label-form-data";
import { CRITERION_SCORES, type ScoreConfigView, type ScoreValue } from "@/lib/review/score-config-schema";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input, Select, Textarea } from "@/components/ui/field";
import { useShortcuts } from "@/components/trajectory/keyboard";
import { answersToSend, choose as chooseOption, optionKeys, optionKeysHelp } from "@/lib/review/score-answers";
import { ScoreInput } from "./score-inputs";

type Verdict = LabelInput["verdict"];

const SCORES = [{ value: "", label: "not scored" }, ...CRITERION_SCORES.map((s) => ({ value: String(s.value), label: s.label }))];

const splitTags = (text: string) => [...new Set(text.split(/[\s,]+/).filter(Boolean))];

/**
 * Accept or reject (keys a / r), per-criterion scores from the task's rubric,
 * answers to the score configurations (options on digit keys), a note and
 * tags. It starts from the reviewer's own last review and the trajectory's
 * tags: a tag deleted from the box is taken off. The form remembers which
 * review it was based on, so a label written over someone else's newer one is refused.
 */
export function LabelForm({
  trajectoryId,
  queueId,
  basedOnReviewId,
  criteria,
  configs = [],
  previous = null,
  tags: initialTags = [],
  judgeVerdict,
  action,
  submitLabel = "Save review",
}: {
  trajectoryId: string;
  queueId?: string;
  basedOnReviewId: string | null;
  criteria: { id: string; text: string }[];
  configs?: ScoreConfigView[];
  previous?: PreviousLabel | null;
  tags?: string[];
  judgeVerdict: Verdict | null;
  action: (input: LabelInput) => Promise<Result>;
  submitLabel?: string;
}) {
  const router = useRouter();
  const [verdict, setVerdict] = useState<Verdict | null>(previous?.verdict ?? null);
  const [answers, setAnswers] = useState<Record<string, ScoreValue | undefined>>(previous?.scores ?? {});
  const [error, setError] = useState<{ message: string; conflict?: boolean } | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, start] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);

  const choose = (v: Verdict) => {
    setVerdict(v);
    setSaved(false);
    // Enter then saves: a, Enter is a whole review
    formRef.current?.querySelector<HTMLButtonElement>("button[type=submit]")?.focus();
  };
  const answer = (configId: string, value: ScoreValue | undefined) => {
    setAnswers((a) => ({ ...a, [configId]: value }));
    setSaved(false);
  };
  const keys = optionKeys(configs);
  const optionShortcuts = Object.fromEntries(
    keys.map((k) => {
      const config = configs.find((c) => c.id === k.configId)!;
      return [k.key, () => setAnswers((a) => ({ ...a, [k.configId]: chooseOption(config, a[k.configId], k.option) }))];
    }),
  );
  useShortcuts({ a: () => choose("accepted"), r: () => choose("rejected"), ...optionShortcuts }, [
    { keys: "a / r", does: "accept / reject" },
    ...optionKeysHelp(configs, keys),
    { keys: "Enter", does: "then saves the label" },
  ]);

  const submit = (form: HTMLFormElement) => {
    if (!verdict) {
      setError({ message: "Choose accept or reject first" });
      return;
    }
    const data = new FormData(form);
    const scores = Object.fromEntries(criteria.flatMap((c) => (data.get(`criterion:${c.id}`) ? [[c.id, Number(data.get(`criterion:${c.id}`))]] : [])));
    const tags = splitTags(String(data.get("tags") ?? ""));
    const removeTags = initialTags.filter((t) => !tags.includes(t));
    const note = String(data.get("note") ?? "");
    start(async () => {
      const res = await action({
        trajectoryId,
        queueId,
        basedOnReviewId,
        verdict,
        criteria: scores,
        scores: answersToSend(configs, answers),
        note,
        tags,
        removeTags,
      });
      if (res.ok) {
        setError(null);
        setSaved(true);
      } else setError({ message: res.error, conflict: res.conflict });
    });
  };

  const verdictButton = (v: Verdict, label: string, key: string) => (
    <button
      type="button"
      onClick={() => choose(v)}
      aria-pressed={verdict === v}
      data-testid={`label-${v}`}
      className={`flex-1 rounded-md px-3 py-2 text-sm font-medium ring-1 ring-inset transition ${
        verdict === v
          ? v === "accepted"
            ? "bg-emerald-600 text-white ring-emerald-600"
            : "bg-rose-600 text-white ring-rose-600"
          : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"
      }`}
    >
      {label} <kbd className="ml-1 rounded bg-black/10 px-1 font-mono text-[10px]">{key}</kbd>
    </button>
  );

  return (
    <form ref={formRef} className="space-y-3" data-testid="label-form" onSubmit={(e) => (e.preventDefault(), submit(e.currentTarget))}>
      <div className="flex gap-2" role="group" aria-label="Verdict">
        {verdictButton("accepted", "Accept", "a")}
        {verdictButton("rejected", "Reject", "r")}
      </div>
      {verdict && judgeVerdict && verdict !== judgeVerdict && <p className="text-xs text-amber-700">This overrides the judge, who {judgeVerdict} it.</p>}
      {criteria.length > 0 && (
        <fieldset className="space-y-1.5">
          <legend className="text-sm font-medium text-slate-700">Criteria</legend>
          {criteria.map((c) => (
            <label key={c.id} className="grid grid-cols-[1fr_7.5rem] items-center gap-2 text-xs text-slate-700">
              <span title={c.id}>{c.text}</span>
              <Select
                name={`criterion:${c.id}`}
                defaultValue={previous?.criteria[c.id] !== undefined ? String(previous.criteria[c.id]) : ""}
                className="!mt-0 text-xs"
                aria-label={`Score for ${c.text}`}
              >
                {SCORES.map((s) => (
                  <option key={s.value} value={s.value}>
                    {s.label}
                  </option>
                ))}
              </Select>
            </label>
          ))}
        </fieldset>
      )}
      {configs.length > 0 && (
        <fieldset className="space-y-2.5" data-testid="score-configs-form">
          <legend className="text-sm font-medium text-slate-700">Scores</legend>
          {configs.map((c) => (
            <ScoreInput key={c.id} config={c} value={answers[c.id]} onChange={(v) => answer(c.id, v)} keys={keys} idPrefix={`label-${trajectoryId}`} />
          ))}
        </fieldset>
      )}
      <Field label="Note">
        <Textarea
          name="note"
          defaultValue={previous?.note ?? ""}
          rows={3}
          maxLength={5000}
          className="font-sans"
          placeholder="Why — the reason people will read later"
        />
      </Field>
      <Field label="Tags" hint="words separated by spaces or commas; delete one to take it off">
        <Input name="tags" defaultValue={initialTags.join(" ")} placeholder="e.g. hallucination wrong-tool" />
      </Field>
      {previous && <p className="text-xs text-slate-500">Filled in from your last review; saving adds a new one beside it.</p>}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending} data-testid="save-review">
          {pending ? "Saving…" : submitLabel}
        </Button>
        {saved && !pending && (
          <span className="text-sm text-emerald-700" role="status">
            Saved.
          </span>
        )}
      </div>
      <FormError message={error?.message} />
      {error?.conflict && (
        <Button type="button" variant="secondary" onClick={() => router.refresh()}>
          Reload the reviews
        </Button>
      )}
    </form>
  );
}
