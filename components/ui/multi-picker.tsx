"use client";

import { useId, useState } from "react";

export type PickerChoice = { id: string; label: string; detail?: string };

const SHOWN = 30;

/**
 * A searchable multi-select: type to narrow the choices by name (or detail),
 * tick to pick; what is picked shows as chips with a remove button. Empty
 * means no restriction, which `emptyLabel` says.
 */
export function MultiPicker({
  label,
  choices,
  value,
  onChange,
  emptyLabel,
}: {
  label: string;
  choices: PickerChoice[];
  value: string[];
  onChange: (ids: string[]) => void;
  emptyLabel: string;
}) {
  const [query, setQuery] = useState("");
  const id = useId();
  const byId = new Map(choices.map((c) => [c.id, c]));
  const q = query.trim().toLowerCase();
  const matching = choices.filter((c) => !q || c.label.toLowerCase().includes(q) || (c.detail ?? "").toLowerCase().includes(q) || c.id === q);
  const toggle = (choiceId: string) => onChange(value.includes(choiceId) ? value.filter((v) => v !== choiceId) : [...value, choiceId]);
  return (
    <fieldset className="min-w-0 text-sm" data-testid="multi-picker" aria-describedby={`${id}-picked`}>
      <legend className="font-medium text-slate-700">{label}</legend>
      <div id={`${id}-picked`} className="mt-1 flex flex-wrap gap-1" aria-live="polite">
        {value.length === 0 ? (
          <span className="text-xs text-slate-500">{emptyLabel}</span>
        ) : (
          value.map((v) => (
            <span key={v} className="inline-flex max-w-full items-center gap-1 rounded bg-indigo-50 px-1.5 py-0.5 text-xs text-indigo-800">
              <span className="break-all">{byId.get(v)?.label ?? v}</span>
              <button
                type="button"
                className="rounded px-0.5 text-indigo-700 hover:bg-indigo-100"
                aria-label={`Remove ${byId.get(v)?.label ?? v}`}
                onClick={() => toggle(v)}
              >
                ×
              </button>
            </span>
          ))
        )}
      </div>
      <input
        type="search"
        aria-label={`Search ${label.toLowerCase()}`}
        placeholder="Search by name"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        className="mt-1 block w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500"
      />
      <ul className="mt-1 max-h-40 overflow-y-auto rounded border border-slate-200" aria-label={`${label} choices`}>
        {matching.slice(0, SHOWN).map((c) => (
          <li key={c.id}>
            <label className="flex cursor-pointer items-start gap-2 px-2 py-1 hover:bg-slate-50">
              <input type="checkbox" className="mt-0.5 rounded border-slate-300" checked={value.includes(c.id)} onChange={() => toggle(c.id)} />
              <span className="min-w-0 break-words">
                {c.label}
                {c.detail && <span className="block text-xs text-slate-500">{c.detail}</span>}
              </span>
            </label>
          </li>
        ))}
        {matching.length === 0 && <li className="px-2 py-1 text-xs text-slate-500">Nothing matches “{query}”</li>}
        {matching.length > SHOWN && <li className="px-2 py-1 text-xs text-slate-500">{matching.length - SHOWN} more: narrow the search</li>}
      </ul>
    </fieldset>
  );
}
