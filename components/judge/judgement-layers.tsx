import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ExecutionLayer } from "@/lib/judge/execution";
import type { RubricLayer } from "@/lib/judge/rubric";
import type { RuleCheck } from "@/lib/judge/rules";
import { percent } from "./format";
import { StepLinks, type StepHref } from "./step-links";

function Heading({ children, tone, status }: { children: string; tone: BadgeTone; status: string }) {
  return (
    <h3 className="mb-1.5 flex items-center gap-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
      {children} <Badge tone={tone}>{status}</Badge>
    </h3>
  );
}

export function RulesSection({ checks, stepHref }: { checks: RuleCheck[]; stepHref: StepHref }) {
  const failed = checks.filter((c) => !c.passed);
  const passed = checks.filter((c) => c.passed);
  return (
    <div data-testid="judgement-rules">
      <Heading tone={failed.length ? "red" : "green"} status={failed.length ? `${failed.length} of ${checks.length} failed` : `all ${checks.length} passed`}>
        Rules
      </Heading>
      {failed.length > 0 && (
        <ul className="space-y-1">
          {failed.map((c) => (
            <li key={c.code} className="flex flex-wrap items-baseline gap-2">
              <span className="text-rose-600" aria-label="failed">
                ✗
              </span>
              <code className="text-xs text-slate-500">{c.code}</code>
              <span className="text-slate-800">{c.message}</span>
              <StepLinks steps={c.steps} href={stepHref} />
            </li>
          ))}
        </ul>
      )}
      {passed.length > 0 && (
        <details className="mt-1 text-slate-500">
          <summary className="cursor-pointer text-xs">{passed.length} passed checks</summary>
          <ul className="mt-1 space-y-0.5">
            {passed.map((c) => (
              <li key={c.code} className="text-xs">
                <span className="text-emerald-600">✓</span> <code>{c.code}</code> {c.message}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

const EXECUTION_TONE: Record<ExecutionLayer["status"], BadgeTone> = {
  passed: "green",
  failed: "red",
  error: "red",
  unavailable: "amber",
  not_applicable: "gray",
};

export function ExecutionSection({ execution: e, stepHref }: { execution: ExecutionLayer; stepHref: StepHref }) {
  if (e.status === "not_applicable") return null;
  return (
    <div data-testid="judgement-execution">
      <Heading tone={EXECUTION_TONE[e.status]} status={e.status.replace("_", " ")}>
        {`Execution (${e.kind})`}
      </Heading>
      <p className="flex flex-wrap items-baseline gap-2 text-slate-800">
        {e.message} <StepLinks steps={e.steps} href={stepHref} />
      </p>
      {e.expected !== undefined && (
        <p className="mt-1 font-mono text-xs text-slate-600">
          expected {e.expected} · given {e.given}
        </p>
      )}
      {e.tests && e.tests.length > 0 && (
        <ul className="mt-1 space-y-0.5 font-mono text-xs">
          {e.tests.map((t, i) => (
            <li key={i} className={t.passed ? "text-emerald-700" : "text-rose-700"}>
              {t.passed ? "✓" : "✗"} {t.name}
              {t.message && !t.passed && <span className="text-slate-500"> — {t.message}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ScoreBar({ score }: { score: number }) {
  return (
    <span className="inline-flex items-center gap-1.5" title={score.toFixed(2)}>
      <span className="inline-block h-1.5 w-16 overflow-hidden rounded-full bg-slate-100">
        <span className={`block h-full ${score >= 0.5 ? "bg-emerald-500" : "bg-rose-400"}`} style={{ width: `${Math.round(score * 100)}%` }} />
      </span>
      <span className="font-mono text-xs text-slate-600">{score.toFixed(2)}</span>
    </span>
  );
}

/** `belowMinimum`: the filter rejected on this layer (its score under the minimum), which a "pass" heading must not contradict. */
export function RubricSection({ rubric: r, stepHref, belowMinimum = false }: { rubric: RubricLayer; stepHref: StepHref; belowMinimum?: boolean }) {
  const failed = r.verdict !== "pass" || belowMinimum;
  const tone: BadgeTone = r.status !== "judged" ? "amber" : failed ? "red" : "green";
  const status =
    r.status !== "judged"
      ? r.status
      : r.verdict === "pass" && belowMinimum
        ? `fail · ${r.score?.toFixed(2)} below the minimum`
        : `${r.verdict} · ${r.score?.toFixed(2)}`;
  return (
    <div data-testid="judgement-rubric">
      <Heading tone={tone} status={status}>
        Rubric judge
      </Heading>
      {r.error && <p className="mb-1 text-xs text-amber-800">{r.error}</p>}
      {r.criteria.length > 0 && (
        <table className="w-full text-left">
          <thead className="text-xs text-slate-500">
            <tr>
              <th className="py-1 pr-3 font-medium">Criterion</th>
              <th className="py-1 pr-3 font-medium">Score</th>
              <th className="py-1 font-medium">Justification</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {r.criteria.map((c) => (
              <tr key={c.id} data-criterion={c.id}>
                <td className="py-1.5 pr-3">
                  <code className="text-xs text-slate-500">{c.id}</code>
                  <p className="text-slate-800">{c.text}</p>
                </td>
                <td className="py-1.5 pr-3 whitespace-nowrap">
                  {c.scored ? <ScoreBar score={c.score} /> : <span className="text-xs text-slate-500">not scored</span>}
                </td>
                <td className="py-1.5">
                  <p className="text-slate-700">{c.justification}</p>
                  <StepLinks steps={c.steps} href={stepHref} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {r.samples.length > 1 && (
        <p className="mt-1 text-xs text-slate-500">
          Self-consistency: {r.samples.map((s) => `${s.verdict} (seed ${s.seed}, ${s.score.toFixed(2)})`).join(" · ")}; {percent(r.agreement)} agree with the
          majority.
        </p>
      )}
    </div>
  );
}
