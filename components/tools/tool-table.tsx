import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { ToolListRow } from "@/lib/catalog/queries";
import { QualityBadge } from "./quality-badge";

export function ToolTable({ rows }: { rows: ToolListRow[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="tool-table">
        <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
          <tr>
            <th className="py-2 pr-4">Tool</th>
            <th className="py-2 pr-4">Origin</th>
            <th className="py-2 pr-4">Quality</th>
            <th className="py-2 pr-4">Category</th>
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
                  <span className="ml-2 text-xs text-slate-400">{t.source?.name ?? t.key}</span>
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
                  <p className="mt-0.5 line-clamp-2 text-xs text-slate-600">{t.description || <em className="text-slate-400">no description</em>}</p>
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
                    <span className="text-slate-400">—</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
