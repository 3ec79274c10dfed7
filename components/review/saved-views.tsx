"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import type { SavedViewRow, SaveViewInput, ViewRef } from "@/lib/review/saved-views";
import { Button } from "@/components/ui/button";
import type { Result } from "@/lib/actions/result";

/** The person's saved list views as links, and a way to save the current one under a name. */
export function SavedViews({
  views,
  currentQuery,
  save,
  remove,
}: {
  views: SavedViewRow[];
  currentQuery: string;
  save: (input: SaveViewInput) => Promise<Result>;
  remove: (input: ViewRef) => Promise<Result>;
}) {
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <div className="mb-3 flex flex-wrap items-center gap-2 text-sm" data-testid="saved-views">
      <span className="text-xs font-medium uppercase tracking-wide text-slate-500">Views</span>
      {views.length === 0 && <span className="text-xs text-slate-500">none saved yet</span>}
      {views.map((v) => (
        <span
          key={v.id}
          className={`inline-flex items-center rounded-full ring-1 ${v.query === currentQuery ? "bg-indigo-600 text-white ring-indigo-600" : "bg-white ring-slate-300"}`}
        >
          <Link href={`/trajectories${v.query ? `?${v.query}` : ""}`} className="py-0.5 pl-3 pr-1.5 hover:underline">
            {v.name}
          </Link>
          <button
            type="button"
            aria-label={`Delete the view ${v.name}`}
            disabled={pending}
            onClick={() => start(async () => void (await remove({ viewId: v.id })))}
            className="rounded-full px-1.5 text-xs opacity-60 hover:opacity-100"
          >
            ×
          </button>
        </span>
      ))}
      <form
        className="ml-auto flex items-center gap-1"
        onSubmit={(e) => {
          e.preventDefault();
          start(async () => {
            const res = await save({ name, query: currentQuery });
            setError(res.ok ? null : res.error);
            if (res.ok) setName("");
          });
        }}
      >
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="name this view"
          aria-label="Name of the view to save"
          required
          maxLength={80}
          className="w-40 rounded-md border border-slate-300 px-2 py-1 text-sm"
        />
        <Button type="submit" variant="secondary" disabled={pending}>
          Save view
        </Button>
      </form>
      {error && <span className="w-full text-right text-xs text-rose-700">{error}</span>}
    </div>
  );
}
