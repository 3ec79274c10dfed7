"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { formatIdSchema, type FormatId } from "@/lib/datasets/formats/types";
import type { BulkAction, BulkResult } from "@/lib/review/bulk";
import { Button } from "@/components/ui/button";

/** What can be done to the selected trajectories at once. */
export function BulkActions({ ids, canAdmin, run, onDone }: { ids: string[]; canAdmin: boolean; run: (input: BulkAction) => Promise<BulkResult>; onDone: () => void }) {
  const [pending, start] = useTransition();
  const [tag, setTag] = useState("");
  const [dataset, setDataset] = useState("");
  const [format, setFormat] = useState<FormatId>("openai");
  const [result, setResult] = useState<BulkResult | null>(null);
  const none = ids.length === 0;
  const act = (input: BulkAction) =>
    start(async () => {
      const res = await run(input);
      setResult(res);
      if (res.ok) onDone();
    });
  return (
    <div className="flex flex-wrap items-center gap-2 rounded-lg border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm" data-testid="bulk-actions" role="region" aria-label="Bulk actions">
      <span className="font-medium text-indigo-900">{none ? "Select trajectories (x or the boxes) to act on them" : `${ids.length} selected`}</span>
      <Button variant="secondary" disabled={pending || none} onClick={() => act({ action: "accept", ids })}>
        Accept
      </Button>
      <Button variant="danger" disabled={pending || none} onClick={() => act({ action: "reject", ids })}>
        Reject
      </Button>
      <form className="flex items-center gap-1" onSubmit={(e) => (e.preventDefault(), act({ action: "tag", ids, tag }))}>
        <input
          value={tag}
          onChange={(e) => setTag(e.target.value)}
          placeholder="tag"
          aria-label="Tag to add"
          className="w-28 rounded-md border border-slate-300 px-2 py-1 text-sm"
          required
        />
        <Button type="submit" variant="secondary" disabled={pending || none}>
          Add tag
        </Button>
      </form>
      {canAdmin && (
        <>
          <Button variant="secondary" disabled={pending || none} onClick={() => act({ action: "rejudge", ids })} title="Queue a judge run over the selection">
            Re-judge
          </Button>
          <form className="flex items-center gap-1" onSubmit={(e) => (e.preventDefault(), act({ action: "export", ids, name: dataset, format }))}>
            <input
              value={dataset}
              onChange={(e) => setDataset(e.target.value)}
              placeholder="dataset name"
              aria-label="Dataset to export to"
              pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,63}"
              title="letters, digits, '.', '_' or '-', starting with a letter or digit"
              className="w-36 rounded-md border border-slate-300 px-2 py-1 text-sm"
              required
            />
            <select value={format} onChange={(e) => setFormat(e.target.value as FormatId)} aria-label="Export format" className="rounded-md border border-slate-300 px-1 py-1 text-sm">
              {formatIdSchema.options.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
            <Button type="submit" variant="secondary" disabled={pending || none} title="Export the selection, whatever its verdict, as the next version of this dataset">
              Export
            </Button>
          </form>
        </>
      )}
      {result && (
        <span role="status" className={result.ok ? "text-emerald-800" : "text-rose-700"}>
          {result.ok ? result.message : result.error}
          {result.ok && result.runId && (
            <>
              {" "}
              ·{" "}
              <Link href="/runs" className="underline">
                follow it on Runs
              </Link>
            </>
          )}
        </span>
      )}
    </div>
  );
}
