"use client";

import type { ScoreConfigView, ScoreValue } from "@/lib/review/score-config-schema";
import { choicesOf, choose, type OptionKey } from "@/lib/review/score-answers";

// The inputs of score configurations, shared by the label form and the step
// annotation form. Yes/no and categorical options are buttons, each with its
// digit key when it has one (lib/review/score-answers.ts).

const isChosen = (current: ScoreValue | undefined, option: string | boolean) =>
  Array.isArray(current) ? current.includes(option as string) : current === option;

/** One config's input. `value` is the answer so far; numbers and texts are kept as typed until the form is sent. */
export function ScoreInput({
  config,
  value,
  onChange,
  keys,
  idPrefix,
}: {
  config: ScoreConfigView;
  value: ScoreValue | undefined;
  onChange: (value: ScoreValue | undefined) => void;
  keys: OptionKey[];
  idPrefix: string;
}) {
  const id = `${idPrefix}-${config.id}`;
  const heading = (
    <span className="text-xs font-medium text-slate-700">
      {config.name}
      {config.kind === "categorical" && config.multiple && <span className="font-normal text-slate-500"> (any that apply)</span>}
      {config.kind === "numeric" && (
        <span className="font-normal text-slate-500">
          {" "}
          ({config.min} to {config.max})
        </span>
      )}
      {config.description && <span className="block font-normal text-slate-500">{config.description}</span>}
    </span>
  );
  if (config.kind === "numeric" || config.kind === "text") {
    return (
      <label className="block" htmlFor={id} data-testid="score-input" data-config={config.name}>
        {heading}
        {config.kind === "numeric" ? (
          <input
            id={id}
            type="number"
            step="any"
            min={config.min ?? undefined}
            max={config.max ?? undefined}
            value={typeof value === "number" || typeof value === "string" ? String(value) : ""}
            onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
            className="mt-1 block w-32 rounded-md border border-slate-300 px-2 py-1 text-sm"
          />
        ) : (
          <textarea
            id={id}
            rows={2}
            maxLength={2000}
            value={typeof value === "string" ? value : ""}
            onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
            className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
          />
        )}
      </label>
    );
  }
  return (
    <div role="group" aria-labelledby={`${id}-name`} data-testid="score-input" data-config={config.name}>
      <span id={`${id}-name`}>{heading}</span>
      <div className="mt-1 flex flex-wrap gap-1.5">
        {choicesOf(config).map((c) => {
          const key = keys.find((k) => k.configId === config.id && k.option === c.value)?.key;
          const on = isChosen(value, c.value);
          return (
            <button
              key={String(c.value)}
              type="button"
              aria-pressed={on}
              onClick={() => onChange(choose(config, value, c.value))}
              className={`rounded-md px-2 py-1 text-xs ring-1 ring-inset ${on ? "bg-indigo-600 text-white ring-indigo-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"}`}
            >
              {c.label}
              {key && <kbd className={`ml-1 rounded px-1 font-mono text-[10px] ${on ? "bg-white/20" : "bg-slate-100 text-slate-600"}`}>{key}</kbd>}
            </button>
          );
        })}
      </div>
    </div>
  );
}
