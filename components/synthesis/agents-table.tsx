import Link from "next/link";
import { PassRateCell, PassRateHeader, PassRateLegend, trajectoriesHref } from "@/components/review/pass-rate";
import type { PassRate } from "@/lib/review/pass-rates";
import type { AgentRow } from "@/lib/synthesis/queries";
import { ProviderBadge } from "./provider-badge";

export function AgentsTable({ rows, passRates }: { rows: AgentRow[]; passRates: Record<string, PassRate> }) {
  return (
    <div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm" data-testid="agents-table">
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="px-4 py-2">Agent</th>
              <th className="px-4 py-2">Domain</th>
              <th className="px-4 py-2 text-right">Core tools</th>
              <th className="px-4 py-2 text-right">Distractors</th>
              <th className="px-4 py-2 text-right">Tasks</th>
              <th className="px-4 py-2 text-right">Trajectories</th>
              <PassRateHeader className="px-4 py-2 text-right" />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((a) => (
              <tr key={a.id} data-testid="agent-row">
                <td className="px-4 py-2">
                  <Link href={`/agents/${a.id}`} className="font-medium text-indigo-700 hover:underline">
                    {a.name}
                  </Link>{" "}
                  <ProviderBadge provider={a.provider} />
                </td>
                <td className="px-4 py-2 text-slate-600">{a.domain}</td>
                <td className="px-4 py-2 text-right tabular-nums">{a.core}</td>
                <td className="px-4 py-2 text-right tabular-nums">{a.distractors}</td>
                <td className="px-4 py-2 text-right tabular-nums">
                  <Link href={`/tasks?agentId=${a.id}`} className="hover:underline">
                    {a.tasks}
                  </Link>
                </td>
                <td className="px-4 py-2 text-right tabular-nums">
                  {(passRates[a.id]?.trajectories ?? 0) > 0 ? (
                    <Link href={trajectoriesHref({ agentId: a.id })} className="hover:underline">
                      {passRates[a.id].trajectories}
                    </Link>
                  ) : (
                    0
                  )}
                </td>
                <PassRateCell className="px-4 py-2" rate={passRates[a.id]} href={trajectoriesHref({ agentId: a.id })} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <PassRateLegend />
    </div>
  );
}
