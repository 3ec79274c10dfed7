"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import type { PreferenceInput, PreferenceResult } from "@/lib/review/preferences";
import { Button } from "@/components/ui/button";
import { Field, FormError, Textarea } from "@/components/ui/field";
import { useShortcuts } from "@/components/trajectory/keyboard";

type Choice = "a" | "b" | "tie";

const CHOICES: { value: Choice; label: string; key: string }[] = [
  { value: "a", label: "A is better", key: "1" },
  { value: "b", label: "B is better", key: "2" },
  { value: "tie", label: "Tie", key: "t" },
];

/** Which of the two compared trajectories is better (keys 1 / 2 / t), and why. */
export function PreferenceForm({ aId, bId, action }: { aId: string; bId: string; action: (input: PreferenceInput) => Promise<PreferenceResult> }) {
  const router = useRouter();
  const [choice, setChoice] = useState<Choice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, start] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);

  const choose = (c: Choice) => {
    setChoice(c);
    setSaved(false);
    // then the reason: 1, type, Enter on the button is a whole preference
    formRef.current?.querySelector("textarea")?.focus();
  };
  useShortcuts({ "1": () => choose("a"), "2": () => choose("b"), t: () => choose("tie") }, [{ keys: "1 / 2 / t", does: "A is better / B is better / tie" }]);

  const submit = (form: HTMLFormElement) => {
    if (!choice) return setError("Choose A, B or a tie first");
    const reason = String(new FormData(form).get("reason") ?? "");
    start(async () => {
      const res = await action({ aId, bId, choice, reason });
      if (!res.ok) return setError(res.error);
      setError(null);
      setSaved(true);
      form.reset();
      setChoice(null);
      router.refresh();
    });
  };

  return (
    <form ref={formRef} className="space-y-3" data-testid="preference-form" onSubmit={(e) => (e.preventDefault(), submit(e.currentTarget))}>
      <div className="flex flex-wrap gap-2" role="group" aria-label="Which is better">
        {CHOICES.map((c) => (
          <button
            key={c.value}
            type="button"
            onClick={() => choose(c.value)}
            aria-pressed={choice === c.value}
            data-testid={`prefer-${c.value}`}
            className={`flex-1 rounded-md px-3 py-2 text-sm font-medium ring-1 ring-inset transition ${
              choice === c.value ? "bg-indigo-600 text-white ring-indigo-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"
            }`}
          >
            {c.label} <kbd className="ml-1 rounded bg-black/10 px-1 font-mono text-[10px]">{c.key}</kbd>
          </button>
        ))}
      </div>
      <Field label="Reason" hint="what makes one better: people and trainers read it later">
        <Textarea name="reason" rows={3} maxLength={5000} required className="font-sans" />
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending} data-testid="save-preference">
          {pending ? "Saving…" : "Save preference"}
        </Button>
        {saved && !pending && (
          <span className="text-sm text-emerald-700" role="status">
            Saved.
          </span>
        )}
      </div>
      <FormError message={error} />
    </form>
  );
}
