import Link from "next/link";
import type { CategoryRow } from "@/lib/catalog/queries";
import { categoryColor } from "./map-colors";

/** Domains with their categories under them (or a flat list), each with its tool count and map colour. */
export function CategoryList({ categories, order }: { categories: CategoryRow[]; order: Map<string, number> }) {
  const roots = categories.filter((c) => !c.parentId).sort((a, b) => b.tools - a.tools);
  const children = (id: string) => categories.filter((c) => c.parentId === id).sort((a, b) => b.tools - a.tools);
  const item = (c: CategoryRow) => (
    <div className="flex items-start gap-2">
      {order.has(c.id) && <span className="mt-1.5 inline-block h-2.5 w-2.5 shrink-0 rounded-full" style={{ background: categoryColor(order.get(c.id)!) }} />}
      <div className="min-w-0">
        <Link href={`/tools?categoryId=${c.id}`} className="font-medium text-slate-800 hover:underline">
          {c.name}
        </Link>
        <span className="ml-2 text-xs tabular-nums text-slate-500">{c.tools.toLocaleString("en")} tools</span>
        {c.description && <p className="text-xs text-slate-500">{c.description}</p>}
      </div>
    </div>
  );
  return (
    <ul className="space-y-3 text-sm" data-testid="category-list">
      {roots.map((r) => (
        <li key={r.id}>
          {item(r)}
          {children(r.id).length > 0 && (
            <ul className="ml-5 mt-2 space-y-2 border-l border-slate-100 pl-3">
              {children(r.id).map((c) => (
                <li key={c.id}>{item(c)}</li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
