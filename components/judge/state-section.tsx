import { Badge, type BadgeTone } from "@/components/ui/badge";
import { BLAME_LABELS, type BlameName } from "@/lib/judge/blames";
import type { StateLayer } from "@/lib/judge/state";

const TONE: Record<StateLayer["status"], BadgeTone> = { passed: "green", failed: "red", error: "red", not_applicable: "gray" };

function Checks({ title, checks }: { title: string; checks: StateLayer["assertions"] }) {
  if (checks.length === 0) return null;
  return (
    <div className="mt-1">
      <p className="text-xs text-slate-500">{title}</p>
      <ul className="space-y-0.5">
        {checks.map((c) => (
          <li key={c.id} className="flex flex-wrap items-baseline gap-2">
            <span className={c.passed ? "text-emerald-600" : "text-rose-600"} aria-label={c.passed ? "passed" : "failed"}>
              {c.passed ? "✓" : "✗"}
            </span>
            <code className="text-xs text-slate-500">{c.id}</code>
            <span className="text-slate-800">{c.reason}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The state layer: the final world against the blueprint, per assertion, action and fact. */
export function StateSection({ state }: { state: StateLayer }) {
  if (state.status === "not_applicable") return null;
  return (
    <div data-testid="judgement-state">
      <h3 className="mb-1.5 flex items-center gap-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
        State{" "}
        <Badge tone={TONE[state.status]}>
          {state.status === "error" ? "error" : `${state.status}${state.score !== null ? ` · ${state.score.toFixed(2)}` : ""}`}
        </Badge>
      </h3>
      <p className="text-slate-800">{state.message}</p>
      <Checks title="Expected end state" checks={state.assertions} />
      <Checks title="Required actions" checks={state.actions} />
      <Checks title="Facts to tell the user" checks={state.facts} />
    </div>
  );
}

export function BlameSection({ blame, reasons }: { blame: BlameName; reasons: string[] }) {
  return (
    <div data-testid="judgement-blame" data-blame={blame}>
      <h3 className="mb-1 flex items-center gap-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
        Who failed <Badge tone={blame === "agent" ? "red" : "amber"}>{BLAME_LABELS[blame]}</Badge>
      </h3>
      {blame === "infrastructure" && (
        <p className="text-xs text-amber-900">Left out of datasets, pass^k and judge–human agreement: the agent was not at fault.</p>
      )}
      <ul className="list-disc pl-5 text-slate-800">
        {reasons.map((r, i) => (
          <li key={i}>{r}</li>
        ))}
      </ul>
    </div>
  );
}

/** How the layers make the verdict, written out on the trajectory page. */
export function VerdictRule() {
  return (
    <p className="text-xs text-slate-500" data-testid="verdict-rule">
      How the verdict is made: each required layer must pass — rules, execution (code and math tasks), state (the final world, the required actions and the
      facts against the task&apos;s blueprint) and the rubric judge — and the lowest layer score must reach the minimum. A failed state check rejects whatever
      the rubric says.
    </p>
  );
}
