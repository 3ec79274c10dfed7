import { Badge } from "@/components/ui/badge";
import type { TaskDetail } from "@/lib/synthesis/queries";

export function PersonaView({ persona, mode }: { persona: TaskDetail["persona"]; mode: string }) {
  if (!persona)
    return <p className="text-sm text-slate-500">{mode === "autonomous" ? "Autonomous: no simulated user after the instruction." : "No persona."}</p>;
  return (
    <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1.5 text-sm" data-testid="persona">
      <dt className="text-slate-500">Name</dt>
      <dd>{persona.name}</dd>
      <dt className="text-slate-500">Background</dt>
      <dd>{persona.background}</dd>
      <dt className="text-slate-500">Style</dt>
      <dd>
        {persona.tone} · {persona.expertise} · patience {persona.patience} · {persona.language}
      </dd>
      <dt className="text-slate-500">Knows</dt>
      <dd>
        <ul className="list-disc pl-4">
          {persona.knows.map((k, i) => (
            <li key={i}>{k}</li>
          ))}
        </ul>
      </dd>
      <dt className="text-slate-500">Reveals when asked</dt>
      <dd>
        <ul className="list-disc pl-4">
          {persona.revealsGradually.map((k, i) => (
            <li key={i}>{k}</li>
          ))}
        </ul>
      </dd>
    </dl>
  );
}

export function RubricTable({ rubric }: { rubric: TaskDetail["rubric"] }) {
  return (
    <table className="w-full text-sm" data-testid="rubric">
      <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
        <tr>
          <th className="py-1 pr-3">Criterion</th>
          <th className="py-1 pr-3">Kind</th>
          <th className="py-1 text-right">Weight</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rubric.map((c) => (
          <tr key={c.id}>
            <td className="py-1.5 pr-3">
              {c.description}
              {c.tools && c.tools.length > 0 && (
                <div className="mt-0.5 flex flex-wrap gap-1">
                  {c.tools.map((t, i) => (
                    <Badge key={t} tone={c.expect === "not_called" ? "red" : "blue"}>
                      {c.ordered ? `${i + 1}. ` : ""}
                      {c.expect === "not_called" ? "must not call " : ""}
                      {t}
                    </Badge>
                  ))}
                </div>
              )}
            </td>
            <td className="py-1.5 pr-3 text-slate-500">{c.kind.replace("_", " ")}</td>
            <td className="py-1.5 text-right tabular-nums">{c.weight}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function VerifierView({ verifier }: { verifier: TaskDetail["verifier"] }) {
  if (!verifier) return <p className="text-sm text-slate-500">No verifier: the rubric judge decides.</p>;
  if (verifier.kind === "math") {
    return (
      <p className="text-sm" data-testid="verifier">
        Exact answer: <code className="rounded bg-slate-100 px-1.5 py-0.5">{verifier.answer}</code>
      </p>
    );
  }
  return (
    <div className="space-y-2 text-sm" data-testid="verifier">
      <p>
        {verifier.language} · <code>{verifier.signature}</code> · {verifier.tests.length} hidden tests
      </p>
      <table className="w-full font-mono text-xs">
        <tbody className="divide-y divide-slate-100">
          {verifier.tests.map((t) => (
            <tr key={t.name}>
              <td className="whitespace-nowrap py-1 pr-3 text-slate-500">{t.name}</td>
              <td className="py-1 pr-3">
                {verifier.functionName}({t.args.map((a) => JSON.stringify(a)).join(", ")})
              </td>
              <td className="py-1">→ {JSON.stringify(t.expected)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <details>
        <summary className="cursor-pointer text-slate-500">Reference solution</summary>
        <pre className="mt-1 overflow-x-auto rounded bg-slate-50 p-2 text-xs">{verifier.reference}</pre>
      </details>
    </div>
  );
}
