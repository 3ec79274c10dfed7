"use client";

import { memo } from "react";
import { STEP_KIND_LABELS, STEP_KINDS, type StepKind } from "@/lib/review/steps";
import { stepNumber } from "@/lib/trajectory/step-number";
import { STEP_KIND_STYLE } from "./step-style";

type Props = {
  kinds: StepKind[];
  violations: ReadonlySet<number>;
  citations: ReadonlySet<number>;
  annotated?: ReadonlySet<number>;
  current: number;
  onSelect: (index: number) => void;
};

/**
 * The steps as a strip of coloured segments: click one to go there. Keyboard
 * users have the scrubber and j/k instead, so the segments stay out of the tab order.
 */
export const Timeline = memo(function Timeline({ kinds, violations, citations, annotated = new Set(), current, onSelect }: Props) {
  return (
    <div>
      <div className="flex h-7 w-full items-stretch gap-px overflow-hidden rounded" data-testid="timeline">
        {kinds.map((kind, i) => (
          <button
            key={i}
            type="button"
            tabIndex={-1}
            aria-label={`Step ${stepNumber(i)}: ${STEP_KIND_LABELS[kind]}${violations.has(i) ? ", violation" : ""}${annotated.has(i) ? ", annotated" : ""}`}
            title={`#${stepNumber(i)} ${STEP_KIND_LABELS[kind]}${violations.has(i) ? " · violation" : ""}${citations.has(i) ? " · cited by the judge" : ""}${annotated.has(i) ? " · annotated" : ""}`}
            onClick={() => onSelect(i)}
            data-step={i}
            className={`relative min-w-[3px] flex-1 ${STEP_KIND_STYLE[kind].bar} ${i === current ? "outline-2 -outline-offset-2 outline-slate-900" : "opacity-80 hover:opacity-100"}`}
          >
            {violations.has(i) && <span className="absolute inset-x-0 top-0 h-1.5 bg-rose-700" />}
            {citations.has(i) && <span className="absolute inset-x-0 bottom-0 h-1.5 bg-violet-900" />}
            {annotated.has(i) && (
              <span
                className="absolute left-1/2 top-1/2 h-2 w-2 -translate-x-1/2 -translate-y-1/2 rounded-full bg-amber-500 ring-1 ring-white"
                data-testid="timeline-annotation"
              />
            )}
          </button>
        ))}
      </div>
      <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5 text-[11px] text-slate-500" aria-label="Timeline legend">
        {STEP_KINDS.filter((k) => kinds.includes(k)).map((k) => (
          <li key={k} className="flex items-center gap-1">
            <span className={`inline-block h-2 w-2 rounded-sm ${STEP_KIND_STYLE[k].bar}`} />
            {STEP_KIND_LABELS[k]}
          </li>
        ))}
        {violations.size > 0 && (
          <li className="flex items-center gap-1">
            <span className="inline-block h-1 w-2 bg-rose-700" /> violation
          </li>
        )}
        {citations.size > 0 && (
          <li className="flex items-center gap-1">
            <span className="inline-block h-1 w-2 bg-violet-900" /> cited by the judge
          </li>
        )}
        {annotated.size > 0 && (
          <li className="flex items-center gap-1">
            <span className="inline-block h-2 w-2 rounded-full bg-amber-500" /> annotated
          </li>
        )}
      </ul>
    </div>
  );
});
