"use client";

import { useState, useTransition } from "react";
import type { CreateQueueInput, CreateQueueResult } from "@/lib/review/queues";
import { SCORE_SCOPE_LABELS, type ScoreConfigView } from "@/lib/review/score-config-schema";
import { Field, Input } from "@/components/ui/field";
import { FormFooter } from "@/components/ui/form-footer";

type Preset = { key: string; name: string; query: string; sample?: number; description: string };

/**
 * Make a queue from a preset or from any list query (copy it from the
 * Trajectories address bar), naming what its reviewers answer.
 */
export function CreateQueueForm({
  presets,
  configs,
  create,
}: {
  presets: readonly Preset[];
  configs: ScoreConfigView[];
  create: (input: CreateQueueInput) => Promise<CreateQueueResult>;
}) {
  const [name, setName] = useState("");
  const [query, setQuery] = useState("human=none");
  const [sample, setSample] = useState("");
  const [reviewsPerItem, setReviewsPerItem] = useState("1");
  const [error, setError] = useState<string | null>(null);
  const [made, setMade] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const applyPreset = (p: Preset) => {
    setName(p.name);
    setQuery(p.query);
    setSample(p.sample ? String(p.sample) : "");
  };
  return (
    <form
      className="space-y-3"
      data-testid="create-queue"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        const configIds = configs.filter((c) => data.get(`config:${c.id}`) === "on").map((c) => c.id);
        start(async () => {
          const res = await create({
            name,
            query: query.replace(/^.*\?/, ""),
            sample: sample ? Number(sample) : undefined,
            rubric: data.get("rubric") === "on",
            configIds,
            reviewsPerItem: Number(reviewsPerItem) || 1,
          });
          setError(res.ok ? null : res.error);
          setMade(res.ok ? `Made “${name}” with ${res.size} ${res.size === 1 ? "trajectory" : "trajectories"}.` : null);
          if (res.ok) setName("");
        });
      }}
    >
      <div className="flex flex-wrap gap-2">
        {presets.map((p) => (
          <button
            key={p.key}
            type="button"
            onClick={() => applyPreset(p)}
            title={p.description}
            className="rounded-full bg-slate-100 px-3 py-1 text-xs text-slate-700 hover:bg-indigo-50"
          >
            {p.name}
          </button>
        ))}
      </div>
      <div className="grid gap-3 sm:grid-cols-[1fr_2fr_8rem_8rem]">
        <Field label="Queue name">
          <Input value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} />
        </Field>
        <Field label="Filter" hint="a Trajectories list query, e.g. verdict=rejected&agentId=…">
          <Input value={query} onChange={(e) => setQuery(e.target.value)} className="font-mono" />
        </Field>
        <Field label="Random sample" hint="empty: all">
          <Input type="number" min={1} max={5000} value={sample} onChange={(e) => setSample(e.target.value)} />
        </Field>
        <Field label="Reviewers per item" hint="more than 1: blind">
          <Input type="number" min={1} max={10} value={reviewsPerItem} onChange={(e) => setReviewsPerItem(e.target.value)} />
        </Field>
      </div>
      <fieldset className="space-y-1 text-sm text-slate-700" data-testid="queue-configs">
        <legend className="font-medium">Reviewers answer</legend>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="rubric" defaultChecked /> Rubric criteria <span className="text-xs text-slate-500">built in</span>
        </label>
        {configs.map((c) => (
          <label key={c.id} className="flex items-center gap-2">
            <input type="checkbox" name={`config:${c.id}`} /> {c.name} <span className="text-xs text-slate-500">{SCORE_SCOPE_LABELS[c.scope]}</span>
          </label>
        ))}
      </fieldset>
      <FormFooter pending={pending} label="Make queue" pendingLabel="Making…" done={made} error={error} />
    </form>
  );
}
