import Link from "next/link";
import { stepNumber } from "@/lib/trajectory/step-number";

export type StepHref = (step: number) => string;

/** `?step=N` on the current page: the trajectory viewer scrolls to and highlights that step. */
export const stepQueryHref: StepHref = (step) => `?step=${step}`;

export function StepLinks({ steps, href = stepQueryHref }: { steps: number[]; href?: StepHref }) {
  if (steps.length === 0) return null;
  return (
    <span className="inline-flex flex-wrap gap-1">
      {steps.map((s) => (
        <Link key={s} href={href(s)} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-indigo-700 hover:bg-indigo-50" data-step={s}>
          step {stepNumber(s)}
        </Link>
      ))}
    </span>
  );
}
