import Link from "next/link";
import { PreferencePanel } from "@/components/review/preference-panel";
import { StepCard } from "@/components/trajectory/step-card";
import { TrajectorySummary } from "@/components/trajectory/trajectory-summary";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { comparableEpisodes, listPreferences, pairProblem } from "@/lib/review/preferences";
import { loadTrajectoryView, type TrajectoryView } from "@/lib/review/viewer";
import { stepNumber } from "@/lib/trajectory/step-number";
import { recordPreferenceAction } from "./actions";

export const metadata = { title: "Compare trajectories" };

/** Steps before this index are the same in both (one was forked from the other there). */
function sharedSteps(a: TrajectoryView, b: TrajectoryView): number {
  if (b.trajectory.parentId === a.trajectory.id) return b.trajectory.forkedAtStep ?? 0;
  if (a.trajectory.parentId === b.trajectory.id) return a.trajectory.forkedAtStep ?? 0;
  return 0;
}

export default async function ComparePage({ searchParams }: { searchParams: Promise<{ a?: string; b?: string }> }) {
  const user = await requirePageUser();
  const { a: aId = "", b: bId = "" } = await searchParams;
  const [a, b] = await Promise.all([aId ? loadTrajectoryView(db(), aId) : null, bId ? loadTrajectoryView(db(), bId) : null]);
  const header = (
    <PageHeader
      title="Compare trajectories"
      description="Two trajectories side by side, step by step: a fork next to its parent shows where they part."
      actions={
        <Link href="/trajectories" className="text-sm text-indigo-600 hover:underline">
          ← All trajectories
        </Link>
      }
    />
  );
  if (!a || !b) {
    const others = a ? await comparableEpisodes(db(), a.trajectory.id) : [];
    return (
      <>
        {header}
        {others.length > 0 && (
          <nav aria-label="Compare with" className="mb-4 rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="comparable-episodes">
            <p className="mb-2 text-slate-600">Compare A with its parent, a fork or another episode of its task:</p>
            <ul className="space-y-1">
              {others.map((o) => (
                <li key={o.id}>
                  <Link
                    href={`/trajectories/compare?a=${encodeURIComponent(aId)}&b=${encodeURIComponent(o.id)}`}
                    className="font-mono text-indigo-600 hover:underline"
                  >
                    {o.id}
                  </Link>{" "}
                  <span className="text-slate-500">
                    {o.relation} · {o.model || "unknown model"} · {o.effectiveVerdict ?? "no verdict"}
                  </span>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <form method="get" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
          <label className="text-xs text-slate-500">
            Trajectory A
            <Input name="a" defaultValue={aId} required className="w-72 font-mono" />
          </label>
          <label className="text-xs text-slate-500">
            Trajectory B
            <Input name="b" defaultValue={bId} required className="w-72 font-mono" />
          </label>
          <Button type="submit">Compare</Button>
          {(aId || bId) && (
            <p className="w-full text-sm text-rose-700">
              {!a && aId ? `No trajectory ${aId}. ` : ""}
              {!b && bId ? `No trajectory ${bId}.` : ""}
            </p>
          )}
        </form>
      </>
    );
  }
  const [problem, preferences] = await Promise.all([
    pairProblem(db(), a.trajectory.id, b.trajectory.id),
    listPreferences(db(), a.trajectory.id, b.trajectory.id),
  ]);
  const shared = sharedSteps(a, b);
  const rows = Math.max(a.steps.length, b.steps.length);
  return (
    <>
      {header}
      <div className="grid grid-cols-2 gap-4" data-testid="compare">
        {[a, b].map((v, i) => (
          <div key={i} className="rounded-lg border border-slate-200 bg-white p-3">
            <Link href={`/trajectories/${v.trajectory.id}`} className="font-mono text-sm text-indigo-600 hover:underline">
              {i === 0 ? "A" : "B"} · {v.trajectory.id}
            </Link>
            <div className="mt-2">
              <TrajectorySummary trajectory={v.trajectory} />
            </div>
          </div>
        ))}
      </div>
      <PreferencePanel
        aId={a.trajectory.id}
        bId={b.trajectory.id}
        preferences={preferences}
        problem={problem}
        action={hasRole(user.role, "reviewer") ? recordPreferenceAction : undefined}
      />
      {shared > 0 && (
        <p className="my-3 text-sm text-slate-600">
          {shared === 1 ? "Step 1 is" : `Steps 1–${shared} are`} shared (the fork copied them); the trajectories part at step {stepNumber(shared)}.
        </p>
      )}
      <ol className="mt-3 space-y-2">
        {Array.from({ length: rows }, (_, i) => (
          <li key={i} className={`grid grid-cols-2 gap-4 ${i < shared ? "opacity-60" : ""}`} data-testid="compare-row">
            {[a, b].map((v, side) =>
              v.steps[i] ? (
                <StepCard key={side} step={v.steps[i]} citations={v.citations[i]} anchor={false} />
              ) : (
                <div key={side} className="rounded-lg border border-dashed border-slate-200" />
              ),
            )}
            {i === shared && shared > 0 && <span className="sr-only">The trajectories part here.</span>}
          </li>
        ))}
      </ol>
    </>
  );
}
