"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input, Options, Select } from "@/components/ui/field";
import { MultiPicker, type PickerChoice } from "@/components/ui/multi-picker";
import { exportVerdictSchema, type ExportConfigInput, type ExportVerdict } from "@/lib/datasets/config";
import type { FormatId } from "@/lib/datasets/formats/types";
import type { StartRunResult } from "@/lib/jobs/runs";

type FormatOption = { id: FormatId; title: string };
type StartExport = (input: ExportConfigInput) => Promise<StartRunResult>;

/**
 * Starts an export run: a new version of the named dataset, written by the
 * export stage. What was entered stays in the form after it starts, so the
 * next export changes one field, not all of them.
 */
export function ExportForm({
  formats,
  start,
  choices,
}: {
  formats: FormatOption[];
  start: StartExport;
  choices: { runs: PickerChoice[]; agents: PickerChoice[] };
}) {
  const client = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<{ error?: string; runId?: string }>({});
  const [values, setValues] = useState({
    name: "tool-use",
    format: "openai" as FormatId,
    verdict: "accepted" as ExportVerdict,
    validation: "0",
    seed: "studio",
    dedup: false,
  });
  const [runIds, setRunIds] = useState<string[]>([]);
  const [agentIds, setAgentIds] = useState<string[]>([]);
  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) => setValues((v) => ({ ...v, [key]: value }));
  return (
    <form
      className="grid grid-cols-1 gap-3 md:grid-cols-4 md:items-end"
      data-testid="export-form"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          const res = await start({
            name: values.name,
            format: values.format,
            filter: { verdict: values.verdict, runIds, agentIds },
            validationFraction: Number(values.validation || 0) / 100,
            seed: values.seed || "studio",
            dedup: values.dedup,
          });
          setResult(res.ok ? { runId: res.runId } : { error: res.error });
          // the latest-runs list polls while the new run goes on
          await client.invalidateQueries({ queryKey: ["runs"] });
        });
      }}
    >
      <Field label="Dataset name" hint="A new version each time you export under this name">
        <Input name="name" required pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,63}" value={values.name} onChange={(e) => set("name", e.target.value)} />
      </Field>
      {/* two columns: format titles are long ("OpenAI chat fine-tuning …") */}
      <div className="md:col-span-2">
        <Field label="Format">
          <Select name="format" value={values.format} onChange={(e) => set("format", e.target.value as FormatId)}>
            {formats.map((f) => (
              <option key={f.id} value={f.id}>
                {f.title}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label="Effective verdict">
        <Select name="verdict" value={values.verdict} onChange={(e) => set("verdict", e.target.value as ExportVerdict)}>
          <Options values={exportVerdictSchema.options} />
        </Select>
      </Field>
      <Field label="Validation split (% of tasks)" hint="0 for train only; a task never lands in both">
        <Input name="validation" type="number" min={0} max={50} step={1} value={values.validation} onChange={(e) => set("validation", e.target.value)} />
      </Field>
      <div className="md:col-span-2">
        <MultiPicker label="Only these runs" choices={choices.runs} value={runIds} onChange={setRunIds} emptyLabel="All runs (simulations and imports)" />
      </div>
      <div className="md:col-span-2">
        <MultiPicker label="Only these agents" choices={choices.agents} value={agentIds} onChange={setAgentIds} emptyLabel="All agents" />
      </div>
      <Field label="Split seed">
        <Input name="seed" maxLength={64} value={values.seed} onChange={(e) => set("seed", e.target.value)} />
      </Field>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" name="dedup" className="rounded border-slate-300" checked={values.dedup} onChange={(e) => set("dedup", e.target.checked)} /> Drop
        duplicate conversations
      </label>
      <div className="flex flex-wrap items-center gap-3 md:col-span-4">
        <Button type="submit" disabled={pending}>
          {pending ? "Starting…" : "Export"}
        </Button>
        {result.runId && (
          <span className="text-sm text-emerald-700" role="status">
            Export started.{" "}
            <Link href={`/runs/${result.runId}`} className="text-indigo-600 hover:underline">
              Follow it →
            </Link>
          </span>
        )}
      </div>
      <div className="md:col-span-4">
        <FormError message={result.error} />
      </div>
    </form>
  );
}
