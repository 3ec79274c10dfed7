import Link from "next/link";
import { formatUsd } from "@/components/runs/format";
import { ProviderBadge } from "@/components/synthesis/provider-badge";
import { VerdictBadge } from "@/components/review/verdict-badge";
import { Badge } from "@/components/ui/badge";
import type { TrajectoryView } from "@/lib/review/viewer";
import { stageTitle } from "@/lib/jobs/stage-titles";
import { utcMinute } from "@/lib/util/format";

/** The verdicts and the facts of a trajectory, one line each. */
export function TrajectorySummary({ trajectory: t }: { trajectory: TrajectoryView["trajectory"] }) {
  return (
    <div className="space-y-1.5 text-sm" data-testid="trajectory-summary">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <span className="flex items-center gap-1.5">
          <span className="text-slate-500">Effective</span> <VerdictBadge verdict={t.effectiveVerdict} testId="effective-verdict" empty="none yet" />
        </span>
        <span className="flex items-center gap-1.5">
          <span className="text-slate-500">Judge</span> <VerdictBadge verdict={t.judgeVerdict} testId="judge-verdict" empty="not judged" />
          {t.judgeScore != null && <span className="tabular-nums text-slate-500">{t.judgeScore.toFixed(2)}</span>}
        </span>
        <span className="flex items-center gap-1.5">
          <span className="text-slate-500">Human</span> <VerdictBadge verdict={t.humanVerdict} testId="human-verdict" empty="unlabelled" />
        </span>
        {t.hasViolations && <Badge tone="red">violations</Badge>}
        {t.hasInjectedFailures && <Badge tone="amber">injected failures</Badge>}
        {t.imported && <Badge tone="gray">imported</Badge>}
        {t.tags.map((tag) => (
          <Link key={tag} href={`/trajectories?tag=${encodeURIComponent(tag)}`}>
            <Badge tone="violet">#{tag}</Badge>
          </Link>
        ))}
      </div>
      <p className="flex flex-wrap items-center gap-x-3 text-xs text-slate-500">
        <span>
          {t.model || "unknown model"}
          {t.provider && ` (${t.provider})`}
        </span>
        <ProviderBadge provider={t.provider} />
        <span>{t.protocol}</span>
        <span>{t.environment}</span>
        <span>seed {t.seed}</span>
        {(t.userSimulatorPromptVersion || t.toolSimulatorPromptVersion) && (
          <span data-testid="simulator-prompts">
            prompts: user simulator {t.userSimulatorPromptVersion ?? "–"}, tool simulator {t.toolSimulatorPromptVersion ?? "–"}
          </span>
        )}
        <span>{t.steps} steps</span>
        <span>{(t.promptTokens + t.completionTokens).toLocaleString("en")} tokens</span>
        <span>{formatUsd(t.costUsd)}</span>
        <span>{(t.latencyMs / 1000).toFixed(1)} s</span>
        {t.endReason && <span>ended: {t.endReason.replace(/_/g, " ")}</span>}
        {t.run && (
          <Link href={`/trajectories?runId=${t.run.id}`} className="text-indigo-600 hover:underline">
            {stageTitle(t.run.kind)} {t.run.id.slice(-8)}
          </Link>
        )}
        <span>{utcMinute(t.createdAt)} UTC</span>
      </p>
      {t.endError && (
        <p className="text-xs text-amber-800" data-testid="end-error">
          The infrastructure stopped this episode ({t.endError}); retrying its run continues it.
        </p>
      )}
    </div>
  );
}
