"use client";

import { useRouter } from "next/navigation";
import { useRef } from "react";
import { listFilterQuery, parseListFilter, SEARCH_HELP, type ListFilter } from "@/lib/review/filter";
import type { ListFilterOptions } from "@/lib/review/list";
import { environments, protocols } from "@/lib/simulation/options";
import { difficulties } from "@/lib/synthesis/task-schemas";
import { BLAME_LABELS, BLAMES } from "@/lib/judge/blames";
import { Button } from "@/components/ui/button";
import { useShortcuts } from "@/components/trajectory/keyboard";
import { utcMinute } from "@/lib/util/format";
import { stageTitle } from "@/lib/jobs/stage-titles";

const control =
  "mt-0.5 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500";

function Choice({ label, name, value, options }: { label: string; name: keyof ListFilter; value: string | undefined; options: [string, string][] }) {
  return (
    <label className="text-xs text-slate-500">
      {label}
      <select name={name} defaultValue={value ?? ""} className={control}>
        <option value="">any</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/** accepted, rejected, and words for "none" and "either" that fit each verdict. */
const verdicts = (none: string, either: string): [string, string][] => [
  ["accepted", "accepted"],
  ["rejected", "rejected"],
  ["none", none],
  ["any", either],
];
const YES_NO: [string, string][] = [
  ["yes", "yes"],
  ["no", "no"],
];
const pairs = (values: readonly string[]): [string, string][] => values.map((v) => [v, v.replace(/_/g, " ")]);

/**
 * The list's filters. Applying them writes the canonical query string (the
 * one saved views and queues store); without JavaScript it is a plain GET
 * form. "/" focuses the search.
 */
export function ListFilters({ filter, options }: { filter: ListFilter; options: ListFilterOptions }) {
  const router = useRouter();
  const search = useRef<HTMLInputElement>(null);
  useShortcuts({ "/": () => search.current?.focus() }, [{ keys: "/", does: "search" }]);

  const apply = (form: HTMLFormElement) => {
    const values = Object.fromEntries([...new FormData(form).entries()].map(([k, v]) => [k, String(v)]));
    router.push(`/trajectories?${listFilterQuery(parseListFilter(values), { page: undefined })}`);
  };
  return (
    <form
      method="get"
      action="/trajectories"
      className="mb-4 space-y-3 rounded-lg border border-slate-200 bg-white p-3"
      data-testid="list-filters"
      onSubmit={(e) => (e.preventDefault(), apply(e.currentTarget))}
    >
      <input type="hidden" name="sort" value={filter.sort} />
      <input type="hidden" name="dir" value={filter.dir} />
      <input type="hidden" name="size" value={filter.size} />
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-8">
        <label className="col-span-2 text-xs text-slate-500">
          Search messages <kbd className="rounded bg-slate-100 px-1 font-mono text-[10px]">/</kbd>
          <input
            ref={search}
            name="q"
            type="search"
            defaultValue={filter.q ?? ""}
            placeholder="a word or a phrase"
            aria-describedby="search-help"
            className={control}
          />
          <span id="search-help" className="mt-1 block text-[11px] text-slate-500">
            {SEARCH_HELP}
          </span>
        </label>
        <Choice label="Effective verdict" name="verdict" value={filter.verdict} options={verdicts("none yet", "decided")} />
        <Choice label="Judge verdict" name="judge" value={filter.judge} options={verdicts("not judged", "judged")} />
        <Choice label="Human label" name="human" value={filter.human} options={verdicts("unlabelled", "labelled")} />
        <Choice label="Judge and human disagree" name="disagree" value={filter.disagree} options={YES_NO} />
        <label className="text-xs text-slate-500">
          Judge score from
          <input name="minScore" type="number" min={0} max={1} step={0.05} defaultValue={filter.minScore ?? ""} className={control} />
        </label>
        <label className="text-xs text-slate-500">
          to
          <input name="maxScore" type="number" min={0} max={1} step={0.05} defaultValue={filter.maxScore ?? ""} className={control} />
        </label>
        <Choice label="Agent" name="agentId" value={filter.agentId} options={options.agents.map((a) => [a.id, a.name])} />
        <Choice label="Category" name="categoryId" value={filter.categoryId} options={options.categories.map((c) => [c.id, c.name])} />
        <Choice label="Task difficulty" name="difficulty" value={filter.difficulty} options={pairs(difficulties)} />
        <Choice label="Protocol" name="protocol" value={filter.protocol} options={pairs(protocols)} />
        <Choice label="Environment" name="environment" value={filter.environment} options={pairs(environments)} />
        <Choice label="Model" name="model" value={filter.model} options={options.models.map((m) => [m, m])} />
        <Choice
          label="Run"
          name="runId"
          value={filter.runId}
          options={options.runs.map((r) => [r.id, `${stageTitle(r.kind)} ${utcMinute(r.createdAt)} UTC`])}
        />
        <Choice
          label="Who failed"
          name="blame"
          value={filter.blame}
          options={[...BLAMES.map((b): [string, string] => [b, BLAME_LABELS[b]]), ["none", "no one"]]}
        />
        <Choice label="Flagged for review" name="flagged" value={filter.flagged} options={YES_NO} />
        <Choice label="Violations" name="violations" value={filter.violations} options={YES_NO} />
        <Choice label="Injected failures" name="injected" value={filter.injected} options={YES_NO} />
        <Choice label="Tag" name="tag" value={filter.tag} options={options.tags.map((t) => [t, t])} />
        <label className="text-xs text-slate-500">
          Judge confidence below
          <input name="confidenceBelow" type="number" min={0} max={1} step={0.05} defaultValue={filter.confidenceBelow ?? ""} className={control} />
        </label>
        {filter.taskId && (
          <label className="text-xs text-slate-500">
            Task
            <input name="taskId" defaultValue={filter.taskId} className={`${control} font-mono`} />
          </label>
        )}
        {filter.toolId && (
          <label className="text-xs text-slate-500">
            Tool offered to the agent
            <input name="toolId" defaultValue={filter.toolId} className={`${control} font-mono`} />
          </label>
        )}
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit">Apply filters</Button>
        <a href="/trajectories" className="text-sm text-slate-600 hover:underline">
          Clear
        </a>
      </div>
    </form>
  );
}
