import type { PreferenceInput, PreferenceResult, PreferenceRow } from "@/lib/review/preferences";
import { PreferenceForm } from "./preference-form";

const SAID = { a: "A is better", b: "B is better", tie: "Tie" } as const;

/** The compared pair's preferences, newest first (the first counts), and the form to add one. */
export function PreferencePanel({
  aId,
  bId,
  preferences,
  problem,
  action,
}: {
  aId: string;
  bId: string;
  preferences: PreferenceRow[];
  /** why this pair cannot take a preference, if it cannot */
  problem: string | null;
  /** absent for people who may not label */
  action?: (input: PreferenceInput) => Promise<PreferenceResult>;
}) {
  return (
    <section className="my-4 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="preference-heading" data-testid="preference-panel">
      <h2 id="preference-heading" className="text-sm font-semibold text-slate-800">
        Preference
      </h2>
      {problem ? (
        <p className="mt-2 text-sm text-slate-600">{problem}</p>
      ) : action ? (
        <div className="mt-3 max-w-2xl">
          <PreferenceForm aId={aId} bId={bId} action={action} />
        </div>
      ) : null}
      {preferences.length > 0 && (
        <ol className="mt-4 space-y-2 text-sm" data-testid="preference-history">
          {preferences.map((p, i) => (
            <li key={p.id} className={i === 0 ? "text-slate-800" : "text-slate-500"}>
              <span className="font-medium">{SAID[p.choice]}</span> · {p.reviewer.name} · {p.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC
              {i === 0 && preferences.length > 1 ? " (counts)" : ""}
              <p className="whitespace-pre-wrap">{p.reason}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
