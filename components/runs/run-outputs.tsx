import Link from "next/link";
import type { RunOutput } from "@/lib/jobs/run-detail";

/** What a run wrote, by kind: a count, a link to all of them where a page lists them, and the first few by name. */
export function RunOutputs({ outputs }: { outputs: RunOutput[] }) {
  if (outputs.length === 0) return <p className="text-sm text-slate-500">Nothing stored by this run (yet).</p>;
  return (
    <div className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3" data-testid="run-outputs">
      {outputs.map((o) => (
        <section key={o.kind} aria-label={o.kind} data-testid="run-output" data-kind={o.kind}>
          <h3 className="text-sm font-medium text-slate-800">
            {o.href ? (
              <Link href={o.href} className="text-indigo-700 hover:underline">
                {o.count} {o.kind}
              </Link>
            ) : (
              `${o.count} ${o.kind}`
            )}
          </h3>
          <ul className="mt-1 space-y-0.5 text-sm">
            {o.items.map((i) => (
              <li key={i.id} className="break-words">
                <Link href={i.href} className="text-indigo-700 hover:underline">
                  {i.label}
                </Link>
              </li>
            ))}
            {o.count > o.items.length && <li className="text-xs text-slate-500">and {o.count - o.items.length} more</li>}
          </ul>
        </section>
      ))}
    </div>
  );
}
