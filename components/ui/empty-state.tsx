import Link from "next/link";
import type { ReactNode } from "react";

/** What a page shows before its stage has produced anything: which stage fills it, and where to start it. */
export function EmptyState({ title, stage, href, children }: { title: string; stage: string; href?: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center" data-testid="empty-state">
      <p className="text-base font-medium text-slate-800">{title}</p>
      <p className="mt-1 text-sm text-slate-500">
        Filled by the <span className="font-medium text-slate-700">{stage}</span> stage.
        {href && (
          <>
            {" "}
            <Link href={href} className="text-indigo-600 hover:underline">
              Start it →
            </Link>
          </>
        )}
      </p>
      {children && <div className="mt-4">{children}</div>}
    </div>
  );
}
