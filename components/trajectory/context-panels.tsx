import Link from "next/link";
import { JudgementPanel } from "@/components/judge/judgement-panel";
import { PersonaView, RubricTable } from "@/components/synthesis/task-details";
import { VerdictBadge } from "@/components/review/verdict-badge";
import { Badge } from "@/components/ui/badge";
import type { TrajectoryView } from "@/lib/review/viewer";
import { criterionScoreLabel, formatScoreValue } from "@/lib/review/score-config-schema";
import { utcMinute } from "@/lib/util/format";

const when = (d: Date) => `${utcMinute(d)} UTC`;

export function TaskPanel({ task }: { task: TrajectoryView["task"] }) {
  if (!task) return <p className="text-sm text-slate-500">No task: this trajectory was imported or its task was deleted.</p>;
  return (
    <div className="space-y-3 text-sm" data-testid="task-panel">
      <div>
        <p className="text-xs font-medium text-slate-500">Goal (hidden from the agent)</p>
        <p className="text-slate-800">{task.goal}</p>
      </div>
      <p className="text-xs text-slate-500">
        {task.difficulty.replace("_", " ")} · {task.environment} · {task.mode} ·{" "}
        <Link href={`/tasks/${task.id}`} className="text-indigo-600 underline">
          open the task
        </Link>
      </p>
      <details>
        <summary className="cursor-pointer text-xs text-indigo-700">Persona</summary>
        <div className="mt-2">
          <PersonaView persona={task.persona} mode={task.mode} />
        </div>
      </details>
      <details open>
        <summary className="cursor-pointer text-xs text-indigo-700">Rubric</summary>
        <div className="mt-2">
          {task.rubric.length ? <RubricTable rubric={task.rubric} /> : <p className="text-xs text-slate-500">No rubric: judged on its goal.</p>}
        </div>
      </details>
    </div>
  );
}

export function AgentPanel({ agent, tools }: Pick<TrajectoryView, "agent" | "tools">) {
  return (
    <div className="space-y-3 text-sm" data-testid="agent-panel">
      {agent ? (
        <>
          <p>
            <Link href={`/agents/${agent.id}`} className="font-medium text-indigo-600 hover:underline">
              {agent.name}
            </Link>
            {agent.domain && <span className="text-slate-500"> · {agent.domain}</span>}
          </p>
          <details>
            <summary className="cursor-pointer text-xs text-indigo-700">System prompt</summary>
            <p className="mt-1 whitespace-pre-wrap text-xs text-slate-700">{agent.systemPrompt}</p>
          </details>
        </>
      ) : (
        <p className="text-slate-500">No agent recorded.</p>
      )}
      <ul className="space-y-1" aria-label="Tools offered">
        {tools.map((t) => (
          <li key={t.name} className="flex flex-wrap items-center gap-1.5" data-testid="agent-tool" data-used={t.used}>
            <code className={`text-xs ${t.used ? "font-semibold text-slate-900" : "text-slate-500"}`}>{t.name}</code>
            {t.role && <Badge tone={t.role === "core" ? "blue" : "gray"}>{t.role}</Badge>}
            {t.used ? (
              <Badge tone={t.role === "distractor" || !t.role ? "amber" : "green"}>used</Badge>
            ) : (
              <span className="text-xs text-slate-500">not used</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function JudgementsPanel({ judgements }: Pick<TrajectoryView, "judgements">) {
  const [latest, ...older] = judgements;
  if (!latest) return <p className="text-sm text-slate-500">Not judged yet: the judge stage fills this in.</p>;
  return (
    <div className="space-y-2">
      <JudgementPanel judgement={latest} />
      {older.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer text-xs text-indigo-700">
            {older.length} earlier judgement{older.length > 1 ? "s" : ""}
          </summary>
          <ul className="mt-1 space-y-1 text-xs text-slate-600">
            {older.map((j) => (
              <li key={j.id}>
                <VerdictBadge verdict={j.verdict} /> score {j.score.toFixed(2)} · {j.judgeModel} · {when(j.createdAt)}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

/** Every review, newest first: rubric criteria and scores by their names, tags left and taken off. */
export function ReviewsPanel({
  reviews,
  criteria: rubric = [],
  judgeVerdict,
}: {
  reviews: TrajectoryView["reviews"];
  criteria?: TrajectoryView["criteria"];
  judgeVerdict: string | null;
}) {
  const criterionName = new Map(rubric.map((c) => [c.id, c.text]));
  if (reviews.length === 0) return <p className="text-sm text-slate-500">No person has reviewed this trajectory.</p>;
  return (
    <ol className="space-y-2 text-sm" data-testid="reviews">
      {reviews.map((r, i) => {
        const before = reviews[i + 1]?.verdict ?? judgeVerdict;
        const criteria =
          r.criteria && typeof r.criteria === "object" && !Array.isArray(r.criteria) ? Object.entries(r.criteria as Record<string, unknown>) : [];
        return (
          <li key={r.id} className="rounded border border-slate-100 p-2" data-testid="review">
            <div className="flex flex-wrap items-center gap-2">
              <VerdictBadge verdict={r.verdict} />
              <span className="text-slate-800">{r.reviewer.name}</span>
              {r.adjudication && (
                <span className="rounded bg-indigo-50 px-1.5 text-xs text-indigo-800" title="An adjudicator's final label: it decides the human verdict">
                  adjudication
                </span>
              )}
              <span className="text-xs text-slate-500">{when(r.createdAt)}</span>
              {before && before !== r.verdict && (
                <span className="text-xs text-amber-700">
                  was {before}
                  {i === reviews.length - 1 ? " (judge)" : ""}
                </span>
              )}
            </div>
            {r.note && <p className="mt-1 whitespace-pre-wrap text-slate-700">{r.note}</p>}
            {criteria.length > 0 && (
              <ul className="mt-1 text-xs text-slate-600" aria-label="Rubric criteria">
                {criteria.map(([id, v]) => (
                  <li key={id}>
                    <span title={id}>{criterionName.get(id) ?? id}</span>: {criterionScoreLabel(v)}
                  </li>
                ))}
              </ul>
            )}
            {r.scores.length > 0 && (
              <ul className="mt-1 text-xs text-slate-600" aria-label="Scores" data-testid="review-scores">
                {r.scores.map((s, k) => (
                  <li key={s.configId ?? k}>
                    {s.config?.name ?? "a removed configuration"}: {formatScoreValue(s.value)}
                  </li>
                ))}
              </ul>
            )}
            {(r.tags.length > 0 || r.removedTags.length > 0) && (
              <p className="mt-1 text-xs text-slate-500">
                {r.tags.length > 0 && `tags: ${r.tags.join(", ")}`}
                {r.tags.length > 0 && r.removedTags.length > 0 && " · "}
                {r.removedTags.length > 0 && `took off: ${r.removedTags.join(", ")}`}
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
