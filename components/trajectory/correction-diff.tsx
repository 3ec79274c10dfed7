import { stepChanges, textChange } from "@/lib/review/correction-diff";
import type { Step } from "@/lib/trajectory/types";

function Changed({ before, after }: { before: string; after: string }) {
  const d = textChange(before, after);
  return (
    <div className="grid gap-1 font-mono text-xs">
      <p className="whitespace-pre-wrap break-all rounded bg-rose-50 px-2 py-1 text-slate-700" data-testid="diff-before">
        <span className="mr-1 select-none text-rose-700" aria-label="original">
          −
        </span>
        {d.prefix}
        <del className="bg-rose-200 text-rose-900">{d.removed}</del>
        {d.suffix}
      </p>
      <p className="whitespace-pre-wrap break-all rounded bg-emerald-50 px-2 py-1 text-slate-700" data-testid="diff-after">
        <span className="mr-1 select-none text-emerald-700" aria-label="corrected">
          +
        </span>
        {d.prefix}
        <ins className="bg-emerald-200 text-emerald-900 no-underline">{d.added}</ins>
        {d.suffix}
      </p>
    </div>
  );
}

/** How the latest correction changed one step: each field, the original above the corrected. */
export function CorrectionDiff({ original, corrected }: { original: Step; corrected: Step }) {
  const changes = stepChanges(original, corrected);
  if (changes.length === 0) return null;
  return (
    <section
      className="mt-1 rounded-md border border-emerald-300 bg-white p-2 text-sm"
      data-testid="correction-diff"
      aria-label="Human-edited version of this step"
    >
      <p className="mb-1 text-xs font-medium text-emerald-800">Human-edited: the corrected version exports instead of the original</p>
      <dl className="space-y-1.5">
        {changes.map((c) => (
          <div key={c.field}>
            <dt className="text-xs text-slate-500">{c.field}</dt>
            <dd>
              <Changed before={c.before ?? ""} after={c.after ?? ""} />
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
