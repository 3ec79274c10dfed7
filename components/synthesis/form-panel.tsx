import type { ReactNode } from "react";

/** A form that folds away once its page has content, so the list comes first. */
export function FormPanel({ title, open, children }: { title: string; open: boolean; children: ReactNode }) {
  return (
    <details open={open} className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <summary className="cursor-pointer px-4 py-2.5 text-sm font-semibold text-slate-800">{title}</summary>
      <div className="border-t border-slate-100 p-4">{children}</div>
    </details>
  );
}
