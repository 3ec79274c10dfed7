import Link from "next/link";
import { PassRateCell, PassRateHeader, PassRateLegend, trajectoriesHref } from "@/components/review/pass-rate";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { TaskPassK } from "@/lib/judge/pass-k";
import type { PassRate } from "@/lib/review/pass-rates";
import { PASS_K_DEFINITION, PassKCell } from "./pass-k";
import { ProviderBadge } from "./provider-badge";

export const DIFFICULTY_TONE: Record<string, BadgeTone> = {
  single_call: "green",
  multi_step: "blue",
  parallel: "violet",
  clarification: "amber",
  refusal: "red",
  no_tool: "gray",
};

type Row = {
  id: string;
  goal: string;
  difficulty: string;
  environment: string;
  mode: string;
  trajectories: number;
  agent?: { id: string; name: string };
  provider?: string | null;
};

export function TasksTable({
  rows,
  showAgent = true,
  passRates,
  passK,
}: {
  rows: Row[];
  showAgent?: boolean;
  passRates: Record<string, PassRate>;
  passK?: Record<string, TaskPassK>;
}) {
  return (
    <div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm" data-testid="tasks-table">
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="px-4 py-2">Goal</th>
              {showAgent && <th className="px-4 py-2">Agent</th>}
              <th className="px-4 py-2">Difficulty</th>
              <th className="px-4 py-2">Environment</th>
              <th className="px-4 py-2">Mode</th>
              <th className="px-4 py-2 text-right">Trajectories</th>
              <PassRateHeader className="px-4 py-2 text-right" />
              {passK && (
                <th className="px-4 py-2" title={PASS_K_DEFINITION}>
                  pass^k
                </th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((t) => (
              <tr key={t.id} data-testid="task-row">
                <td className="max-w-md px-4 py-2">
                  <Link href={`/tasks/${t.id}`} className="line-clamp-2 text-indigo-700 hover:underline">
                    {t.goal}
                  </Link>
                  <ProviderBadge provider={t.provider ?? null} />
                </td>
                {showAgent && (
                  <td className="px-4 py-2">
                    {t.agent && (
                      <Link href={`/agents/${t.agent.id}`} className="hover:underline">
                        {t.agent.name}
                      </Link>
                    )}
                  </td>
                )}
                <td className="px-4 py-2">
                  <Badge tone={DIFFICULTY_TONE[t.difficulty]}>{t.difficulty.replace("_", " ")}</Badge>
                </td>
                <td className="px-4 py-2 text-slate-600">{t.environment}</td>
                <td className="px-4 py-2 text-slate-600">{t.mode}</td>
                <td className="px-4 py-2 text-right tabular-nums">
                  {t.trajectories > 0 ? (
                    <Link href={trajectoriesHref({ taskId: t.id })} className="hover:underline">
                      {t.trajectories}
                    </Link>
                  ) : (
                    0
                  )}
                </td>
                <PassRateCell className="px-4 py-2" rate={passRates[t.id]} href={trajectoriesHref({ taskId: t.id })} />
                {passK && <PassKCell className="px-4 py-2" passK={passK[t.id]} />}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <PassRateLegend extra={passK ? PASS_K_DEFINITION : undefined} />
    </div>
  );
}
