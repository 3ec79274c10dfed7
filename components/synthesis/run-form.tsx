"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { BudgetFields, readBudget } from "@/components/runs/budget-fields";
import { Field, FormError, Input, Select } from "@/components/ui/field";
import type { Result } from "@/lib/actions/result";
import type { StartInput } from "@/lib/jobs/budget-schema";
import type { StartRunResult } from "@/lib/jobs/runs";
import type { EstimateReply } from "@/lib/synthesis/estimate";

export type FormFieldSpec =
  | { kind: "number"; name: string; label: string; hint?: string; min: number; max: number; step?: number; defaultValue: number | null; optional?: boolean }
  | { kind: "many"; name: string; label: string; hint?: string; options: { value: string; label: string }[]; defaultValue: string[] }
  | { kind: "checkbox"; name: string; label: string; defaultValue: boolean };

function read(fields: FormFieldSpec[], form: HTMLFormElement): Record<string, unknown> {
  const data = new FormData(form);
  const input: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.kind === "number") {
      const raw = String(data.get(f.name) ?? "").trim();
      input[f.name] = raw === "" ? (f.optional ? null : undefined) : Number(raw);
    } else if (f.kind === "many") input[f.name] = data.getAll(f.name).map(String);
    else input[f.name] = data.get(f.name) === "on";
  }
  return input;
}

const n = (x: number) => x.toLocaleString("en");

/** A stage's settings, an estimate of its generator calls and cost, and the button that queues it. */
export function SynthesisRunForm<C>({
  fields,
  start,
  estimate,
  submitLabel,
  testId,
}: {
  fields: FormFieldSpec[];
  start: (input: StartInput<C>) => Promise<StartRunResult>;
  estimate: (config: C) => Promise<Result<EstimateReply>>;
  submitLabel: string;
  testId: string;
}) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [runId, setRunId] = useState<string | null>(null);
  const [preview, setPreview] = useState<EstimateReply | null>(null);
  const act = (form: HTMLFormElement | null, what: "estimate" | "start") =>
    form &&
    startTransition(async () => {
      // the fields are the stage's config, as `fields` lists them
      const config = read(fields, form) as C;
      if (what === "estimate") {
        const res = await estimate(config);
        setError(res.ok ? null : res.error);
        setPreview(res.ok ? { estimate: res.estimate, model: res.model } : null);
      } else {
        const res = await start({ config, budget: readBudget(form) });
        setError(res.ok ? null : res.error);
        setRunId(res.ok ? res.runId : null);
      }
    });
  return (
    <form className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid={testId} onSubmit={(e) => (e.preventDefault(), act(e.currentTarget, "start"))}>
      {fields.map((f) =>
        f.kind === "number" ? (
          <Field key={f.name} label={f.label} hint={f.hint}>
            <Input name={f.name} type="number" min={f.min} max={f.max} step={f.step ?? 1} defaultValue={f.defaultValue ?? ""} required={!f.optional} />
          </Field>
        ) : f.kind === "many" ? (
          <Field key={f.name} label={f.label} hint={f.hint}>
            <Select name={f.name} multiple defaultValue={f.defaultValue} className="h-24">
              {f.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          </Field>
        ) : (
          <label key={f.name} className="flex items-center gap-2 self-center text-sm text-slate-700">
            <input name={f.name} type="checkbox" defaultChecked={f.defaultValue} className="rounded border-slate-300" /> {f.label}
          </label>
        ),
      )}
      <BudgetFields />
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-4">
        <Button type="submit" disabled={pending}>
          {pending ? "Working…" : submitLabel}
        </Button>
        <Button type="button" variant="secondary" disabled={pending} onClick={(e) => act(e.currentTarget.form, "estimate")}>
          Estimate cost
        </Button>
        {preview && (
          <span className="text-sm text-slate-600" data-testid="estimate">
            ≈ {n(preview.estimate.items)} items from {n(preview.estimate.calls)} generator calls,{" "}
            {n(preview.estimate.promptTokens + preview.estimate.completionTokens)} tokens
            {` on ${preview.model}`} ·{" "}
            {preview.estimate.costUsd === null
              ? "no price known for this model"
              : preview.estimate.costUsd === 0
                ? "free"
                : `about $${preview.estimate.costUsd.toFixed(2)}`}
          </span>
        )}
        {runId && (
          <span className="text-sm text-emerald-700">
            Started. Follow it on{" "}
            <Link href="/runs" className="underline">
              Runs
            </Link>
            .
          </span>
        )}
      </div>
      <div className="sm:col-span-2 lg:col-span-4">
        <FormError message={error} />
      </div>
    </form>
  );
}
