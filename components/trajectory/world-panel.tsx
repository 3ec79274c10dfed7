"use client";

import { Badge } from "@/components/ui/badge";
import { BLAME_LABELS, type BlameName } from "@/lib/judge/blames";
import { worldsAround } from "@/lib/review/world-around";
import type { WorldChange, WorldView } from "@/lib/review/world-view";
import { JsonBlock } from "./json-block";
import { useCurrentStep } from "./step-context";
import { stepNumber } from "@/lib/trajectory/step-number";

const OP_LABEL: Record<WorldChange["op"], string> = { add: "added", remove: "removed", replace: "changed" };

/** A value in one line; nothing at all is a dash. */
function Value({ value, tone }: { value: unknown; tone: "before" | "after" | "plain" }) {
  if (value === undefined) return <span className="text-slate-400">—</span>;
  const color =
    tone === "before" ? "bg-rose-50 text-rose-800 line-through decoration-rose-300" : tone === "after" ? "bg-emerald-50 text-emerald-800" : "text-slate-800";
  return <code className={`rounded px-1 text-xs break-all ${color}`}>{JSON.stringify(value)}</code>;
}

function StepChanges({ view, step }: { view: WorldView; step: number }) {
  const changes = view.changes[step] ?? [];
  const changedSteps = Object.keys(view.changes).map(Number);
  const { before, after } = worldsAround(view, step);
  return (
    <div className="space-y-2">
      <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">What step {stepNumber(step)} changed</h3>
      {changes.length === 0 ? (
        <p className="text-slate-500" data-testid="world-no-change">
          Step {stepNumber(step)} changed nothing in the world.
        </p>
      ) : (
        <ul className="space-y-1" data-testid="world-diff">
          {changes.map((c) => (
            <li key={`${c.op}${c.path}`} className="flex flex-wrap items-center gap-1.5" data-testid="world-change" data-op={c.op}>
              <Badge tone={c.op === "remove" ? "red" : c.op === "add" ? "green" : "amber"}>{OP_LABEL[c.op]}</Badge>
              <code className="text-xs text-slate-600 break-all">{c.path}</code>
              <Value value={c.before} tone="before" />
              <span aria-hidden>→</span>
              <span className="sr-only">becomes</span>
              <Value value={c.after} tone="after" />
            </li>
          ))}
        </ul>
      )}
      {changedSteps.length > 0 && (
        <p className="text-xs text-slate-500">
          Steps that changed the world:{" "}
          {changedSteps.map((s, i) => (
            <span key={s}>
              {i > 0 && ", "}
              <a
                href={`?step=${s}`}
                data-step={s}
                data-testid="world-changed-step"
                className={s === step ? "font-semibold text-slate-900" : "text-indigo-600 hover:underline"}
              >
                {stepNumber(s)}
              </a>
            </span>
          ))}
        </p>
      )}
      <details>
        <summary className="cursor-pointer text-xs text-indigo-700">World before step {stepNumber(step)}</summary>
        <JsonBlock value={before} label="world" />
      </details>
      <details>
        <summary className="cursor-pointer text-xs text-indigo-700">World after step {stepNumber(step)}</summary>
        <JsonBlock value={after} label="world" />
      </details>
    </div>
  );
}

function ExpectedEndState({ rows }: { rows: NonNullable<WorldView["expected"]> }) {
  const missed = rows.filter((r) => !r.passed).length;
  return (
    <div className="space-y-1.5" data-testid="world-expected">
      <h3 className="flex items-center gap-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
        Expected end state vs final world{" "}
        {rows.length > 0 && <Badge tone={missed ? "red" : "green"}>{missed ? `${missed} of ${rows.length} missed` : "all reached"}</Badge>}
      </h3>
      {rows.length === 0 ? (
        <p className="text-slate-500">The blueprint asserts nothing about the end state.</p>
      ) : (
        <table className="w-full text-xs">
          <thead className="text-left text-slate-500">
            <tr>
              <th className="py-1 pr-2 font-medium">Path</th>
              <th className="py-1 pr-2 font-medium">Expected</th>
              <th className="py-1 font-medium">Final</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.kind}${r.path}`} className={r.passed ? "" : "bg-rose-50"} data-testid="world-expected-row" data-passed={r.passed} title={r.reason}>
                <td className="py-1 pr-2 align-top">
                  <span className={r.passed ? "text-emerald-600" : "text-rose-600"} aria-label={r.passed ? "reached" : "missed"}>
                    {r.passed ? "✓" : "✗"}
                  </span>{" "}
                  <code className="break-all text-slate-600">{r.path}</code>
                  {r.kind === "count" && <span className="text-slate-400"> (count)</span>}
                </td>
                <td className="py-1 pr-2 align-top">
                  {r.kind === "exists" || r.kind === "absent" ? <span>{r.kind}</span> : <Value value={r.expected} tone="plain" />}
                </td>
                <td className="py-1 align-top">
                  <Value value={r.actual} tone="plain" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/**
 * The episode's simulated world beside the viewer: what the selected step
 * changed (the world before and after it), the task's expected end state
 * against the final world, and who failed when the judge blamed someone.
 */
export function WorldPanel({ world, blame }: { world: WorldView; blame: { blame: BlameName; reasons: string[] } | null }) {
  const { current } = useCurrentStep();
  return (
    <div className="space-y-4 text-sm" data-testid="world-panel">
      {world.error && (
        <p role="alert" className="rounded bg-rose-50 px-2 py-1 text-xs text-rose-700">
          {world.error}
        </p>
      )}
      <StepChanges view={world} step={current} />
      {world.expected ? (
        <ExpectedEndState rows={world.expected} />
      ) : (
        <p className="text-xs text-slate-500">The task has no blueprint: no expected end state to compare.</p>
      )}
      {blame && (
        <div data-testid="world-blame" data-blame={blame.blame}>
          <h3 className="mb-1 flex items-center gap-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
            Who failed <Badge tone={blame.blame === "agent" ? "red" : "amber"}>{BLAME_LABELS[blame.blame]}</Badge>
          </h3>
          <ul className="list-disc pl-5 text-xs text-slate-700">
            {blame.reasons.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
