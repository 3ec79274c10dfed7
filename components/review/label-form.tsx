"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import type { LabelInput } from "@/lib/review/label";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input, Select, Textarea } from "@/components/ui/field";
import { useShortcuts } from "@/components/trajectory/keyboard";

export type LabelActionResult = { ok: true } | { ok: false; error: string; conflict?: boolean };
type Verdict = "accepted" | "rejected";

const SCORES = [
  { value: "", label: "not scored" },
  { value: "1", label: "met" },
  { value: "0.5", label: "partly met" },
  { value: "0", label: "not met" },
];

/**
 * Accept or reject (keys a / r), per-criterion scores from the task's rubric,
 * a note and tags. The form remembers which review it was based on, so a
 * label written over someone else's newer one is refused.
 */
export function LabelForm({
  trajectoryId,
  queueId,
  basedOnReviewId,
  criteria,
  judgeVerdict,
  action,
  submitLabel = "Save review",
}: {
  trajectoryId: string;
  queueId?: string;
  basedOnReviewId: string | null;
  criteria: { id: string; text: string }[];
  judgeVerdict: Verdict | null;
  action: (input: LabelInput) => Promise<LabelActionResult>;
  submitLabel?: string;
}) {
  const router = useRouter();
  const [verdict, setVerdict] = useState<Verdict | null>(null);
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
  useShortcuts({ a: () => choose("accepted"), r: () => choose("rejected") }, [
    { keys: "a / r", does: "accept / reject" },
    { keys: "Enter", does: "then saves the label" },
  ]);

  const submit = (form: HTMLFormElement) => {
    if (!verdict) {
      setError({ message: "Choose accept or reject first" });
      return;
    }
    const data = new FormData(form);
    const scores = Object.fromEntries(criteria.flatMap((c) => (data.get(`criterion:${c.id}`) ? [[c.id, Number(data.get(`criterion:${c.id}`))]] : [])));
    const tags = String(data.get("tags") ?? "")
      .split(/[\s,]+/)
      .filter(Boolean);
    start(async () => {
      const res = await action({ trajectoryId, queueId, basedOnReviewId, verdict, criteria: scores, note: String(data.get("note") ?? ""), tags });
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
        verdict === v ? (v === "accepted" ? "bg-emerald-600 text-white ring-emerald-600" : "bg-rose-600 text-white ring-rose-600") : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"
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
              <Select name={`criterion:${c.id}`} defaultValue="" className="!mt-0 text-xs" aria-label={`Score for ${c.text}`}>
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
      <Field label="Note">
        <Textarea name="note" rows={3} maxLength={5000} className="font-sans" placeholder="Why — the reason people will read later" />
      </Field>
      <Field label="Tags" hint="words separated by spaces or commas">
        <Input name="tags" placeholder="e.g. hallucination wrong-tool" />
      </Field>
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
