import { Badge } from "@/components/ui/badge";
import type { SourceRow } from "@/lib/catalog/sources";
import { maskedConfig } from "@/lib/catalog/source-secrets";
import { SourceRowActions, type SourceActions } from "./source-row-actions";
import { utcMinute } from "@/lib/util/format";

type Props = {
  sources: SourceRow[];
  canEdit: boolean;
  actions: SourceActions;
};

function where(source: SourceRow): string {
  const c = source.config as Record<string, unknown>;
  if (source.kind === "http") return String(c.url ?? "");
  if (source.kind === "file") return String(c.path ?? "");
  const command = [c.package ?? c.command, ...((c.args as string[] | undefined) ?? [])].join(" ");
  return [command, ...reach(c)].join(" · ");
}

/** What a stdio server may reach under bubblewrap, as its source declares it. */
function reach(c: Record<string, unknown>): string[] {
  const folders = Array.isArray(c.folders) ? (c.folders as { path?: unknown; write?: unknown }[]) : [];
  const named = (write: boolean) => folders.filter((f) => Boolean(f.write) === write).map((f) => String(f.path));
  const out: string[] = [];
  if (named(false).length) out.push(`reads ${named(false).join(", ")}`);
  if (named(true).length) out.push(`writes ${named(true).join(", ")}`);
  if (c.network === true) out.push("network");
  return out;
}

/** Every tool source with its status: tools harvested, when, and the last error in full. */
export function SourceTable({ sources, canEdit, actions }: Props) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="source-table">
        <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
          <tr>
            <th className="py-2 pr-4">Source</th>
            <th className="py-2 pr-4">Server</th>
            <th className="py-2 pr-4 text-right">Tools</th>
            <th className="py-2 pr-4">Last harvest</th>
            {canEdit && <th className="py-2">Actions</th>}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {sources.map((s) => (
            <tr
              key={s.id}
              className={`align-top ${s.disabledAt ? "bg-slate-50" : ""}`}
              data-testid="source-row"
              data-name={s.name}
              data-disabled={Boolean(s.disabledAt)}
            >
              <td className="max-w-md py-2 pr-4">
                <div className="flex items-center gap-2">
                  <a href={`/tools?sourceId=${s.id}`} className="font-medium text-indigo-700 hover:underline">
                    {s.name}
                  </a>
                  <Badge tone="blue">{s.kind}</Badge>
                  {s.builtin && <Badge tone="violet">built-in</Badge>}
                  {s.disabledAt && <Badge tone="gray">disabled</Badge>}
                </div>
                <p className="mt-0.5 truncate font-mono text-xs text-slate-500" title={where(s)}>
                  {where(s)}
                </p>
              </td>
              <td className="py-2 pr-4 text-slate-600">{s.serverName ? `${s.serverName} ${s.serverVersion ?? ""}` : "—"}</td>
              <td className="py-2 pr-4 text-right tabular-nums">{s.toolCount}</td>
              <td className="max-w-sm py-2 pr-4">
                {s.lastError ? (
                  <p className="whitespace-pre-wrap break-words text-xs text-rose-700" data-testid="source-error">
                    {s.lastError}
                  </p>
                ) : s.lastHarvestedAt ? (
                  <span className="text-slate-600">{utcMinute(s.lastHarvestedAt)} UTC</span>
                ) : (
                  <span className="text-slate-500">never</span>
                )}
              </td>
              {canEdit && (
                <td className="py-2">
                  <SourceRowActions
                    source={{
                      id: s.id,
                      name: s.name,
                      kind: s.kind,
                      builtin: s.builtin,
                      disabled: Boolean(s.disabledAt),
                      toolCount: s.toolCount,
                      config: maskedConfig(s.config) as Record<string, unknown>,
                    }}
                    actions={actions}
                  />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
