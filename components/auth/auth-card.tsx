import type { ReactNode } from "react";

export function AuthCard({ title, subtitle, children }: { title: string; subtitle: string; children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <p className="text-xs font-semibold uppercase tracking-wide text-indigo-600">Trajectory Studio</p>
        <h1 className="mt-1 text-lg font-semibold">{title}</h1>
        <p className="mb-5 mt-1 text-sm text-slate-500">{subtitle}</p>
        {children}
      </div>
    </main>
  );
}
