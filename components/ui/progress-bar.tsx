export function ProgressBar({ done, failed = 0, total, label }: { done: number; failed?: number; total: number; label?: string }) {
  const pct = (n: number) => (total > 0 ? Math.min(100, (n / total) * 100) : 0);
  return (
    <div
      role="progressbar"
      aria-label={label ?? "progress"}
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={done + failed}
      className="flex h-2 w-full overflow-hidden rounded-full bg-slate-100"
    >
      <div className="bg-indigo-500 transition-all" style={{ width: `${pct(done)}%` }} />
      <div className="bg-rose-400 transition-all" style={{ width: `${pct(failed)}%` }} />
    </div>
  );
}
