"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { BudgetFields, readBudget } from "@/components/runs/budget-fields";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input, Select } from "@/components/ui/field";
import type { StartInput } from "@/lib/jobs/budget-schema";
import type { StartRunResult } from "@/lib/jobs/runs";
import type { JudgeForm } from "@/lib/judge/start-form";

type StartAction = (input: StartInput<JudgeForm>) => Promise<StartRunResult>;

/** Starts a judge run over a simulate run's trajectories or everything this configuration has not judged yet. */
export function StartJudgeForm({ start: startRun, simulateRuns }: { start: StartAction; simulateRuns: { id: string; label: string }[] }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [started, setStarted] = useState<string | null>(null);
  const [target, setTarget] = useState<"unjudged" | "run">("unjudged");
  return (
    <form
      className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5"
      data-testid="start-judge-form"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const data = new FormData(form);
        start(async () => {
          const res = await startRun({
            config: {
              target,
              runId: String(data.get("runId") ?? "") || undefined,
              samples: Number(data.get("samples")),
              minScore: Number(data.get("minScore")),
              skipRubricWhenRejected: data.get("skip") === "on",
              batch: data.get("batch") === "on",
            },
            budget: readBudget(form),
          });
          setError(res.ok ? null : res.error);
          setStarted(res.ok ? res.runId : null);
        });
      }}
    >
      <Field label="Trajectories">
        <Select value={target} onChange={(e) => setTarget(e.target.value as "unjudged" | "run")}>
          <option value="unjudged">Not yet judged by this configuration</option>
          <option value="run" disabled={simulateRuns.length === 0}>
            Those of a simulate run
          </option>
        </Select>
      </Field>
      {target === "run" && (
        <Field label="Simulate run">
          <Select name="runId">
            {simulateRuns.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Field label="Judge samples" hint="More than one: majority verdict (self-consistency)">
        <Input name="samples" type="number" min={1} max={9} defaultValue={1} />
      </Field>
      <Field label="Minimum score" hint="0–1; lower is rejected">
        <Input name="minScore" type="number" min={0} max={1} step={0.05} defaultValue={0.6} />
      </Field>
      <label className="flex items-center gap-2 self-center text-sm text-slate-700">
        <input name="skip" type="checkbox" /> Skip the model when rules already reject
      </label>
      <label className="flex items-center gap-2 self-center text-sm text-slate-700">
        <input name="batch" type="checkbox" /> Batch mode (Batch API: half price, answers within 24 h)
      </label>
      <BudgetFields />
      <div className="flex items-center gap-3 sm:col-span-2 lg:col-span-5">
        <Button type="submit" disabled={pending}>
          {pending ? "Starting…" : "Start judging"}
        </Button>
        {started && (
          <span className="text-sm text-emerald-700">
            Started. Follow it on{" "}
            <Link href="/runs" className="underline">
              Runs
            </Link>
            .
          </span>
        )}
        <FormError message={error} />
      </div>
    </form>
  );
}
