"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import type { BulkAction, BulkResult } from "@/lib/review/bulk";
import type { SortKey } from "@/lib/review/filter";
import type { TrajectoryListRow } from "@/lib/review/list";
import { formatUsd } from "@/components/runs/format";
import { Badge } from "@/components/ui/badge";
import { useShortcuts } from "@/components/trajectory/keyboard";
import { BulkActions } from "./bulk-actions";
import { VerdictBadge } from "./verdict-badge";
import { utcMinute } from "@/lib/util/format";

export type SortLink = { href: string; active: boolean; dir: "asc" | "desc" };

/** A sortable column's header; aria-sort sits on the header cell, where assistive technology reads it. */
function SortHeader({ label, link, className = "" }: { label: string; link: SortLink; className?: string }) {
  return (
    <th className={`px-2 py-2 ${className}`} aria-sort={link.active ? (link.dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link href={link.href} className={`hover:text-slate-800 ${link.active ? "text-slate-900" : ""}`}>
        {label}
        {link.active && (link.dir === "asc" ? " ↑" : " ↓")}
      </Link>
    </th>
  );
}

/**
 * The trajectories of one page. Keyboard: j/k move between rows, x selects
 * the row, o or Enter opens it; with a selection, the bulk actions apply to it.
 */
export function TrajectoryTable({
  rows,
  sortLinks,
  canReview,
  canAdmin,
  bulk,
}: {
  rows: TrajectoryListRow[];
  sortLinks: Record<SortKey, SortLink>;
  canReview: boolean;
  canAdmin: boolean;
  bulk: (input: BulkAction) => Promise<BulkResult>;
}) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [cursor, setCursor] = useState(-1);
  const body = useRef<HTMLTableSectionElement>(null);

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const focusRow = (i: number) => {
    const index = Math.min(Math.max(i, 0), rows.length - 1);
    setCursor(index);
    body.current?.querySelectorAll<HTMLAnchorElement>("a[data-row-link]")[index]?.focus();
  };
  useShortcuts(
    {
      j: () => focusRow(cursor + 1),
      k: () => focusRow(cursor - 1),
      x: () => (cursor >= 0 && rows[cursor] ? toggle(rows[cursor].id) : false),
      o: () => (cursor >= 0 && rows[cursor] ? router.push(`/trajectories/${rows[cursor].id}`) : false),
    },
    [
      { keys: "j / k", does: "next / previous row" },
      { keys: "x", does: "select the row" },
      { keys: "o", does: "open the row" },
    ],
  );

  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  return (
    <div className="space-y-2">
      {canReview && <BulkActions ids={[...selected]} canAdmin={canAdmin} run={bulk} onDone={() => setSelected(new Set())} />}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm" data-testid="trajectory-table">
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              {canReview && (
                <th className="w-8 px-2 py-2">
                  <input
                    type="checkbox"
                    aria-label="Select every trajectory on this page"
                    checked={allSelected}
                    onChange={() => setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.id)))}
                  />
                </th>
              )}
              <th className="px-2 py-2">Trajectory</th>
              <th className="px-2 py-2">Agent</th>
              <th className="px-2 py-2">Model</th>
              <SortHeader label="Steps" link={sortLinks.steps} className="text-right" />
              <SortHeader label="Cost" link={sortLinks.cost} className="text-right" />
              <SortHeader label="Latency" link={sortLinks.latency} className="text-right" />
              <SortHeader label="Judge" link={sortLinks.score} />
              <th className="px-2 py-2">Human</th>
              <th className="px-2 py-2">Effective</th>
              <SortHeader label="Created" link={sortLinks.created} />
            </tr>
          </thead>
          <tbody ref={body} className="divide-y divide-slate-100">
            {rows.map((r, i) => (
              <tr
                key={r.id}
                data-testid="trajectory-row"
                data-id={r.id}
                data-effective={r.effectiveVerdict ?? "none"}
                className={`${selected.has(r.id) ? "bg-indigo-50" : ""} ${i === cursor ? "outline-2 -outline-offset-2 outline-indigo-400" : ""}`}
              >
                {canReview && (
                  <td className="px-2 py-2">
                    <input type="checkbox" aria-label={`Select ${r.id}`} checked={selected.has(r.id)} onChange={() => toggle(r.id)} />
                  </td>
                )}
                <td className="max-w-xs px-2 py-2">
                  <Link href={`/trajectories/${r.id}`} data-row-link onFocus={() => setCursor(i)} className="font-mono text-xs text-indigo-600 hover:underline">
                    {r.id.slice(-10)}
                  </Link>
                  <div className="truncate text-slate-700" title={r.task?.goal}>
                    {r.task?.goal ?? (r.imported ? "imported" : "no task")}
                  </div>
                  <div className="mt-0.5 flex flex-wrap gap-1">
                    {r.task && <Badge>{r.task.difficulty.replace("_", " ")}</Badge>}
                    <Badge tone="blue">{r.protocol}</Badge>
                    {r.environment !== "simulated" && <Badge tone="blue">{r.environment}</Badge>}
                    {r.hasViolations && <Badge tone="red">violations</Badge>}
                    {r.hasInjectedFailures && <Badge tone="amber">injected failures</Badge>}
                    {r.parentId && <Badge tone="violet">fork</Badge>}
                    {r.tags.map((t) => (
                      <Badge key={t} tone="violet">
                        #{t}
                      </Badge>
                    ))}
                  </div>
                </td>
                <td className="px-2 py-2 text-slate-700">{r.agent?.name ?? "—"}</td>
                <td className="px-2 py-2 text-xs text-slate-600">
                  {r.model || "—"}
                  {r.provider === "offline" && <div className="text-amber-700">offline provider</div>}
                </td>
                <td className="px-2 py-2 text-right tabular-nums">{r.steps}</td>
                <td className="px-2 py-2 text-right tabular-nums" title={`${(r.promptTokens + r.completionTokens).toLocaleString("en")} tokens`}>
                  {formatUsd(r.costUsd)}
                </td>
                <td className="px-2 py-2 text-right tabular-nums">{(r.latencyMs / 1000).toFixed(1)} s</td>
                <td className="px-2 py-2">
                  <span className="flex items-center gap-1">
                    <VerdictBadge verdict={r.judgeVerdict} empty="not judged" />
                    {r.judgeScore != null && <span className="text-xs tabular-nums text-slate-500">{r.judgeScore.toFixed(2)}</span>}
                  </span>
                </td>
                <td className="px-2 py-2">
                  <VerdictBadge verdict={r.humanVerdict} empty="unlabelled" />
                </td>
                <td className="px-2 py-2">
                  <VerdictBadge verdict={r.effectiveVerdict} />
                </td>
                <td className="px-2 py-2 text-xs text-slate-500">{utcMinute(r.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
