"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { BudgetFields, readBudget } from "@/components/runs/budget-fields";
import { Field, FormError, Input, Select } from "@/components/ui/field";
import { ENVIRONMENT_LABELS, environments, PROTOCOL_LABELS, protocols, type EnvironmentChoice, type Protocol } from "@/lib/simulation/options";
import type { StartInput } from "@/lib/jobs/budget-schema";
import type { StartRunResult } from "@/lib/jobs/runs";
import type { SimulateConfigInput } from "@/lib/simulation/config";
import { StartedNote } from "./run-result";

export type SimulationSelection = { taskIds?: string[]; agentIds?: string[]; all?: boolean };

/**
 * Simulate episodes for a task, an agent's tasks or all tasks. `start` is a
 * server action that validates the config (simulateConfigSchema) and queues
 * a simulate run.
 */
export function SimulateForm({
  selection,
  start,
  offline,
  testId = "simulate-form",
}: {
  selection: SimulationSelection;
  start: (input: StartInput<SimulateConfigInput>) => Promise<StartRunResult>;
  /** every role runs on the offline provider: say so */
  offline?: boolean;
  testId?: string;
}) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [runId, setRunId] = useState<string | null>(null);

  const submit = (form: HTMLFormElement) =>
    startTransition(async () => {
      const data = new FormData(form);
      const number = (name: string) => Number(data.get(name));
      const environment = String(data.get("environment") ?? "");
      const config: SimulateConfigInput = {
        ...selection,
        protocols: data.getAll("protocols").map(String) as Protocol[],
        episodesPerTask: number("episodesPerTask"),
        failureRate: number("failureRate"),
        seed: number("seed"),
        maxTurns: number("maxTurns"),
        concurrency: number("concurrency"),
        ...(environment ? { environment: environment as EnvironmentChoice } : {}),
      };
      const res = await start({ config, budget: readBudget(form) });
      setError(res.ok ? null : res.error);
      setRunId(res.ok ? res.runId : null);
    });

  return (
    <form className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid={testId} onSubmit={(e) => (e.preventDefault(), submit(e.currentTarget))}>
      <fieldset className="text-sm text-slate-700 sm:col-span-2 lg:col-span-4">
        <legend className="font-medium">Protocols</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {protocols.map((p) => (
            <label key={p} className="flex items-center gap-2">
              <input type="checkbox" name="protocols" value={p} defaultChecked={p === "native"} className="rounded border-slate-300" /> {PROTOCOL_LABELS[p]}
            </label>
          ))}
        </div>
      </fieldset>
      <Field label="Episodes per task">
        <Input name="episodesPerTask" type="number" min={1} max={100} defaultValue={1} required />
      </Field>
      <Field label="Tool failure rate" hint="share of simulated tool calls given an injected error, partial result or edge case">
        <Input name="failureRate" type="number" min={0} max={1} step={0.05} defaultValue={0.1} required />
      </Field>
      <Field label="Seed" hint="episode e of a task uses seed + e">
        <Input name="seed" type="number" min={0} defaultValue={0} required />
      </Field>
      <Field label="Max turns">
        <Input name="maxTurns" type="number" min={1} max={500} defaultValue={16} required />
      </Field>
      <Field label="Environment" hint="the task's own, unless chosen here">
        <Select name="environment" defaultValue="">
          <option value="">Each task&apos;s own</option>
          {environments.map((e) => (
            <option key={e} value={e}>
              {ENVIRONMENT_LABELS[e]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Episodes in flight">
        <Input name="concurrency" type="number" min={1} max={1024} defaultValue={64} required />
      </Field>
      <BudgetFields />
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-4">
        <Button type="submit" disabled={pending}>
          {pending ? "Starting…" : "Simulate"}
        </Button>
        {offline && <span className="text-xs text-amber-700">No model is configured: the episodes will be made by the offline provider.</span>}
        <StartedNote runId={runId} />
      </div>
      <div className="sm:col-span-2 lg:col-span-4">
        <FormError message={error} />
      </div>
    </form>
  );
}
