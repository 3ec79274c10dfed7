"use client";

import { useState, useTransition, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input, Select } from "@/components/ui/field";
import type { ForkStep } from "@/lib/simulation/fork-steps";
import { PROTOCOL_LABELS, protocols, type Protocol } from "@/lib/simulation/options";
import type { StartRunResult } from "@/lib/jobs/runs";
import type { ForkRequest } from "@/lib/review/fork";
import { StartedNote } from "./run-result";

/**
 * Re-simulate a trajectory from a step with another protocol, seed, tool
 * failure rate or agent model. `start` is a server action that validates
 * `{ forks: [spec] }` with simulateConfigSchema and queues a simulate run.
 */
export function ForkForm({
  trajectoryId,
  steps,
  protocol,
  seed,
  defaultStep,
  start,
  testId = "fork-form",
  onStarted,
  renderStarted,
}: {
  trajectoryId: string;
  /** the steps a fork may start at (forkSteps(messages)): steps before it are kept */
  steps: ForkStep[];
  protocol: Protocol;
  seed: number;
  defaultStep?: number;
  start: (request: ForkRequest) => Promise<StartRunResult>;
  testId?: string;
  /** told the queued run's id */
  onStarted?: (runId: string) => void;
  /** what to say about the queued run instead of pointing to the Runs page */
  renderStarted?: (runId: string) => ReactNode;
}) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [runId, setRunId] = useState<string | null>(null);

  const submit = (form: HTMLFormElement) =>
    startTransition(async () => {
      const data = new FormData(form);
      const model = String(data.get("model") ?? "").trim();
      const failureRate = String(data.get("failureRate") ?? "").trim();
      const spec = {
        trajectoryId,
        atStep: Number(data.get("atStep")),
        protocol: String(data.get("protocol")) as Protocol,
        seed: Number(data.get("seed")),
        ...(failureRate ? { failureRate: Number(failureRate) } : {}),
        ...(model ? { model } : {}),
      };
      const res = await start({ forks: [spec] });
      setError(res.ok ? null : res.error);
      setRunId(res.ok ? res.runId : null);
      if (res.ok) onStarted?.(res.runId);
    });

  if (steps.length === 0) return <p className="text-sm text-slate-500">This trajectory has no step to fork from.</p>;
  return (
    <form className="grid gap-3 sm:grid-cols-2" data-testid={testId} onSubmit={(e) => (e.preventDefault(), submit(e.currentTarget))}>
      <Field label="Fork at step" hint="steps before it are kept; the episode is simulated again from there">
        <Select name="atStep" defaultValue={String(defaultStep ?? steps.at(-1)!.index)}>
          {steps.map((s) => (
            <option key={s.index} value={s.index}>
              {s.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Protocol">
        <Select name="protocol" defaultValue={protocol}>
          {protocols.map((p) => (
            <option key={p} value={p}>
              {PROTOCOL_LABELS[p]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Seed">
        <Input name="seed" type="number" min={0} defaultValue={seed + 1} required />
      </Field>
      <Field label="Tool failure rate" hint="empty: the original run's">
        <Input name="failureRate" type="number" min={0} max={1} step={0.05} placeholder="as before" />
      </Field>
      <Field label="Agent model" hint="empty: the configured agent model">
        <Input name="model" type="text" maxLength={200} placeholder="as configured" />
      </Field>
      <div className="flex flex-wrap items-center gap-3 self-end">
        <Button type="submit" disabled={pending}>
          {pending ? "Starting…" : "Fork"}
        </Button>
        {runId && renderStarted ? renderStarted(runId) : <StartedNote runId={runId} />}
      </div>
      <div className="sm:col-span-2">
        <FormError message={error} />
      </div>
    </form>
  );
}
