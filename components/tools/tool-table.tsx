import Link from "next/link";
import { PassRateCell, PassRateHeader, PassRateLegend, trajectoriesHref } from "@/components/review/pass-rate";
import { Badge } from "@/components/ui/badge";
import type { ToolListRow } from "@/lib/catalog/queries";
import { TOOL_TRAJECTORIES_DEFINITION, type PassRate } from "@/lib/review/pass-rates";
import { QualityBadge } from "./quality-badge";

export function ToolTable({ rows, passRates }: { rows: ToolListRow[]; passRates: Record<string, PassRate> }) {
  return (
    <div>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="tool-table">
          <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
            <tr>
              <th className="py-2 pr-4">Tool</th>
              <th className="py-2 pr-4">Origin</th>
              <th className="py-2 pr-4">Quality</th>
              <th className="py-2 pr-4">Category</th>
              <th className="py-2 pr-4 text-right" title={TOOL_TRAJECTORIES_DEFINITION}>
                Offered in
              </th>
              <PassRateHeader className="py-2 pr-4 text-right" />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((t) => {
              const fixes = Array.isArray(t.normalizations) ? t.normalizations.length : 0;
              return (
                <tr key={t.id} className="align-top">
                  <td className="max-w-xl py-2 pr-4">
                    <Link href={`/tools/${t.id}`} className="font-mono font-medium text-indigo-700 hover:underline">
                      {t.name}
                    </Link>
                    <span className="ml-2 text-xs text-slate-500">{t.source?.name ?? t.key}</span>
                    {t.duplicateOfId && (
                      <Badge tone="amber" title="points at the tool it duplicates">
                        duplicate
                      </Badge>
                    )}
                    {fixes > 0 && (
                      <span className="ml-1">
                        <Badge tone="blue">{fixes} normalized</Badge>
                      </span>
                    )}
                    <p className="mt-0.5 line-clamp-2 text-xs text-slate-600">{t.description || <em className="text-slate-500">no description</em>}</p>
                  </td>
                  <td className="py-2 pr-4 text-slate-600">{t.origin}</td>
                  <td className="py-2 pr-4">
                    <QualityBadge quality={t.quality} score={t.qualityScore} />
                  </td>
                  <td className="py-2 pr-4">
                    {t.category ? (
                      <Link href={`/tools?categoryId=${t.category.id}`} className="text-slate-700 hover:underline">
                        {t.category.name}
                      </Link>
                    ) : (
                      <span className="text-slate-500">—</span>
                    )}
                  </td>
                  <td className="py-2 pr-4 text-right tabular-nums">
                    {(passRates[t.id]?.trajectories ?? 0) > 0 ? (
                      <Link
                        href={trajectoriesHref({ toolId: t.id })}
                        className="hover:underline"
                        aria-label={`${passRates[t.id].trajectories} trajectories of agents offered ${t.name}`}
                      >
                        {passRates[t.id].trajectories}
                      </Link>
                    ) : (
                      <span className="text-slate-500">0</span>
                    )}
                  </td>
                  <PassRateCell className="py-2 pr-4" rate={passRates[t.id]} href={trajectoriesHref({ toolId: t.id })} />
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <PassRateLegend extra={`"Offered in": ${TOOL_TRAJECTORIES_DEFINITION}`} />
    </div>
  );
}
