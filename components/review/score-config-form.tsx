"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  SCORE_KIND_LABELS,
  SCORE_KINDS,
  SCORE_SCOPE_LABELS,
  SCORE_SCOPES,
  type ScoreConfigInput,
  type ScoreKind,
  type ScoreScope,
} from "@/lib/review/score-config-schema";
import type { ConfigResult } from "@/lib/review/score-configs";
import { Field, Input, Options, Select } from "@/components/ui/field";
import { FormFooter } from "@/components/ui/form-footer";

/** An admin defines a question reviewers answer: its kind, scope, options or range. */
export function ScoreConfigForm({ create }: { create: (input: ScoreConfigInput) => Promise<ConfigResult> }) {
  const router = useRouter();
  const [kind, setKind] = useState<ScoreKind>("boolean");
  const [error, setError] = useState<string | null>(null);
  const [made, setMade] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const submit = (form: HTMLFormElement) => {
    const data = new FormData(form);
    const name = String(data.get("name") ?? "");
    const common = { name, description: String(data.get("description") ?? ""), scope: String(data.get("scope")) as ScoreScope };
    const input: ScoreConfigInput =
      kind === "categorical"
        ? {
            kind,
            ...common,
            options: String(data.get("options") ?? "")
              .split("\n")
              .map((o) => o.trim())
              .filter(Boolean),
            multiple: data.get("multiple") === "on",
          }
        : kind === "numeric"
          ? { kind, ...common, min: Number(data.get("min")), max: Number(data.get("max")) }
          : { kind, ...common };
    start(async () => {
      const res = await create(input);
      setError(res.ok ? null : res.error);
      setMade(res.ok ? `Made “${name.trim()}”.` : null);
      if (res.ok) {
        form.reset();
        setKind("boolean");
        router.refresh();
      }
    });
  };

  return (
    <form className="space-y-3" data-testid="score-config-form" onSubmit={(e) => (e.preventDefault(), submit(e.currentTarget))}>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label="Name">
          <Input name="name" required maxLength={80} placeholder="e.g. Helpful" />
        </Field>
        <Field label="Kind">
          <Select name="kind" value={kind} onChange={(e) => setKind(e.target.value as ScoreKind)}>
            <Options values={SCORE_KINDS} label={(k) => SCORE_KIND_LABELS[k]} />
          </Select>
        </Field>
        <Field label="Applies to">
          <Select name="scope" defaultValue="trajectory">
            <Options values={SCORE_SCOPES} label={(s) => SCORE_SCOPE_LABELS[s]} />
          </Select>
        </Field>
      </div>
      <Field label="Description" hint="what reviewers should look for (optional)">
        <Input name="description" maxLength={500} />
      </Field>
      {kind === "categorical" && (
        <div className="grid gap-3 sm:grid-cols-[2fr_1fr]">
          <Field label="Options" hint="one a line, 2 to 20">
            <textarea name="options" rows={4} required className="mt-1 block w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm" />
          </Field>
          <label className="flex items-center gap-2 self-start pt-6 text-sm text-slate-700">
            <input type="checkbox" name="multiple" /> several may be chosen
          </label>
        </div>
      )}
      {kind === "numeric" && (
        <div className="grid grid-cols-2 gap-3 sm:w-80">
          <Field label="Minimum">
            <Input name="min" type="number" step="any" required defaultValue={1} />
          </Field>
          <Field label="Maximum">
            <Input name="max" type="number" step="any" required defaultValue={5} />
          </Field>
        </div>
      )}
      <FormFooter pending={pending} label="Add configuration" pendingLabel="Saving…" done={made} error={error} />
    </form>
  );
}
