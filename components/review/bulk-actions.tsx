"use client";

import Link from "next/link";
import { useRef, useState, useTransition } from "react";
import { formatIdSchema, type FormatId } from "@/lib/datasets/formats/types";
import type { BulkAction, BulkResult } from "@/lib/review/bulk";
import { Button } from "@/components/ui/button";

/** What can be done to the selected trajectories at once. */
export function BulkActions({
  ids,
  canAdmin,
  run,
  onDone,
}: {
  ids: string[];
  canAdmin: boolean;
  run: (input: BulkAction) => Promise<BulkResult>;
  onDone: () => void;
}) {
  const [pending, start] = useTransition();
  const [tag, setTag] = useState("");
  const [dataset, setDataset] = useState("");
  const [format, setFormat] = useState<FormatId>("openai");
  const [result, setResult] = useState<BulkResult | null>(null);
  // accept and reject ask first, naming the count and taking a note for the audit trail
  const [confirming, setConfirming] = useState<"accept" | "reject" | null>(null);
  const [note, setNote] = useState("");
  const dialog = useRef<HTMLDialogElement>(null);
  const none = ids.length === 0;
  const act = (input: BulkAction) =>
    start(async () => {
      const res = await run(input);
      setResult(res);
      if (res.ok && input.action !== "undo") onDone();
    });
  const ask = (action: "accept" | "reject") => {
    setConfirming(action);
    setNote("");
    dialog.current?.showModal();
  };
  const confirm = () => {
    if (!confirming) return;
    dialog.current?.close();
    act({ action: confirming, ids, note: note.trim() });
  };
  const count = `${ids.length} ${ids.length === 1 ? "trajectory" : "trajectories"}`;
  const undo = result?.ok ? result.undo : undefined;
  return (
    <div
      className="flex flex-wrap items-center gap-2 rounded-lg border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm"
      data-testid="bulk-actions"
      role="region"
      aria-label="Bulk actions"
    >
      <span className="font-medium text-indigo-900">{none ? "Select trajectories (x or the boxes) to act on them" : `${ids.length} selected`}</span>
      <Button variant="secondary" disabled={pending || none} onClick={() => ask("accept")}>
        Accept…
      </Button>
      <Button variant="danger" disabled={pending || none} onClick={() => ask("reject")}>
        Reject…
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby="bulk-confirm-title"
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-slate-200 p-4 text-sm shadow-xl backdrop:bg-slate-900/40"
        data-testid="bulk-confirm"
        onClose={() => setConfirming(null)}
      >
        <form method="dialog" onSubmit={(e) => (e.preventDefault(), confirm())} className="space-y-3">
          <h2 id="bulk-confirm-title" className="text-base font-semibold text-slate-900">
            {confirming === "reject" ? "Reject" : "Accept"} {count}?
          </h2>
          <p className="text-slate-600">
            Each gets a review by you marking it {confirming === "reject" ? "rejected" : "accepted"}, which overrides the judge. Reviews are kept; Undo right
            after appends the verdicts they had before.
          </p>
          <label className="block">
            <span className="mb-1 block text-xs font-medium text-slate-700">Note for the audit trail (kept with each review)</span>
            <textarea
              value={note}
              onChange={(e) => setNote(e.target.value)}
              maxLength={5_000}
              rows={3}
              className="w-full rounded-md border border-slate-300 px-2 py-1"
              placeholder="why, for whoever reads these reviews later"
            />
          </label>
          <div className="flex flex-wrap justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" variant={confirming === "reject" ? "danger" : "primary"}>
              {confirming === "reject" ? "Reject" : "Accept"} {count}
            </Button>
          </div>
        </form>
      </dialog>
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
            <select
              value={format}
              onChange={(e) => setFormat(e.target.value as FormatId)}
              aria-label="Export format"
              className="rounded-md border border-slate-300 px-1 py-1 text-sm"
            >
              {formatIdSchema.options.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
            <Button
              type="submit"
              variant="secondary"
              disabled={pending || none}
              title="Export the selection, whatever its verdict, as the next version of this dataset"
            >
              Export
            </Button>
          </form>
        </>
      )}
      {result && (
        <span role="status" className={result.ok ? "text-emerald-800" : "text-rose-700"}>
          {result.ok ? result.message : result.error}
          {undo && (
            <>
              {" "}
              <button
                type="button"
                className="font-medium underline disabled:opacity-50"
                disabled={pending}
                onClick={() => act({ action: "undo", batchId: undo.batchId })}
              >
                Undo
              </button>
            </>
          )}
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
