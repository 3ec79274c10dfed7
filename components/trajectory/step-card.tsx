import { memo } from "react";
import { STEP_KIND_LABELS } from "@/lib/review/steps";
import { stepNumber } from "@/lib/trajectory/step-number";
import type { ViewStep } from "@/lib/review/viewer";
import { Badge } from "@/components/ui/badge";
import { formatUsd } from "@/components/runs/format";
import { ToolCallView } from "./arguments-view";
import { JsonBlock } from "./json-block";
import { STEP_KIND_STYLE } from "./step-style";

function Metrics({ step }: { step: ViewStep }) {
  const tokens = step.promptTokens + step.completionTokens;
  if (!tokens && !step.latencyMs && !step.costUsd) return null;
  return (
    <span className="ml-auto flex gap-3 text-xs tabular-nums text-slate-500" data-testid="step-metrics">
      {tokens > 0 && (
        <span title={`${step.promptTokens} prompt + ${step.completionTokens} completion tokens`}>
          {step.promptTokens.toLocaleString("en")} + {step.completionTokens.toLocaleString("en")} tok
        </span>
      )}
      {step.latencyMs > 0 && <span>{step.latencyMs.toLocaleString("en")} ms</span>}
      {step.costUsd > 0 && <span>{formatUsd(step.costUsd)}</span>}
    </span>
  );
}

/**
 * One step of a trajectory. Has no state of its own (folding is <details>),
 * so it renders on the server (compare page) and in the viewer alike; memo
 * keeps a 300-step viewer from re-rendering every step on each move.
 */
export const StepCard = memo(function StepCard({
  step,
  active = false,
  citations = [],
  notes = 0,
  onSelect,
  anchor = true,
}: {
  step: ViewStep;
  active?: boolean;
  citations?: string[];
  /** how many annotations reviewers left on this step */
  notes?: number;
  onSelect?: (index: number) => void;
  /** false where several trajectories share a page (compare), so step ids stay unique */
  anchor?: boolean;
}) {
  const style = STEP_KIND_STYLE[step.kind];
  const flagged = step.violations.length > 0 || step.kind === "error";
  return (
    <article
      id={anchor ? `step-${step.index}` : undefined}
      data-testid="step"
      data-step={step.index}
      data-kind={step.kind}
      aria-current={active ? "step" : undefined}
      onClick={onSelect ? () => onSelect(step.index) : undefined}
      className={`scroll-mt-[calc(var(--viewer-sticky,5rem)+0.5rem)] scroll-mb-2 rounded-lg border bg-white p-3 text-sm shadow-sm transition ${
        active ? "border-indigo-500 ring-2 ring-indigo-200" : flagged ? "border-rose-200" : "border-slate-200"
      }`}
    >
      <header className="mb-2 flex flex-wrap items-center gap-2">
        <span className="font-mono text-xs text-slate-500">#{stepNumber(step.index)}</span>
        <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${style.chip}`}>{STEP_KIND_LABELS[step.kind]}</span>
        {step.toolName && step.role === "tool" && <code className="text-xs text-slate-600">{step.toolName}</code>}
        {step.isError && <Badge tone="red">error</Badge>}
        {step.injectedFailure && (
          <Badge tone="amber" title="The tool simulator injected this failure on purpose">
            injected failure: {step.injectedFailure}
          </Badge>
        )}
        {step.violations.length > 0 && <Badge tone="red">{step.violations.length === 1 ? "1 violation" : `${step.violations.length} violations`}</Badge>}
        {citations.length > 0 && <Badge tone="violet">cited by the judge</Badge>}
        {notes > 0 && <Badge tone="amber">{notes === 1 ? "1 note" : `${notes} notes`}</Badge>}
        <Metrics step={step} />
      </header>

      {step.role === "system" ? (
        <details>
          <summary className="cursor-pointer text-xs text-indigo-700">System prompt</summary>
          <JsonBlock value={step.content ?? ""} label="system prompt" />
        </details>
      ) : (
        <div className="space-y-2">
          {step.reasoning && (
            <details data-testid="reasoning">
              <summary className="cursor-pointer text-xs text-slate-500">Reasoning</summary>
              <p className="mt-1 whitespace-pre-wrap border-l-2 border-slate-200 pl-2 text-xs text-slate-600">{step.reasoning}</p>
            </details>
          )}
          {step.content &&
            (step.role === "tool" ? (
              <JsonBlock value={step.content} label="tool result" />
            ) : (
              <p className="whitespace-pre-wrap break-words text-slate-800">{step.content}</p>
            ))}
          {step.toolCalls?.map((call, i) => (
            <ToolCallView key={call.id || i} call={call} check={step.checks[i] ?? { valid: null, schemaError: "not checked" }} />
          ))}
        </div>
      )}

      {(step.violations.length > 0 || citations.length > 0) && (
        <ul className="mt-2 space-y-1 text-xs">
          {step.violations.map((v, i) => (
            <li key={`v${i}`} className="rounded bg-rose-50 px-2 py-1 text-rose-800" data-testid="violation">
              <span className="font-mono">{v.code}</span>: {v.message}
            </li>
          ))}
          {citations.map((c, i) => (
            <li key={`c${i}`} className="rounded bg-violet-50 px-2 py-1 text-violet-900" data-testid="citation">
              {c}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
});
