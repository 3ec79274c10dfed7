import { Badge } from "@/components/ui/badge";
import type { StoredCapabilities } from "@/lib/llm/capabilities";
import { utcMinute } from "@/lib/util/format";

const HOW: Record<string, string> = {
  json_schema: "json_schema (strict where the schema allows)",
  json_object: "json_object, schema in the prompt",
  tool: "a forced tool call",
  prompt: "the prompt, parsed and repaired",
};

/** What each endpoint's model was found to accept, by a "Test connection" probe or by the requests it refused. */
export function EndpointCapabilities({ rows }: { rows: StoredCapabilities[] }) {
  if (!rows.length) return <p className="text-sm text-slate-500">Nothing learned yet: test a role&apos;s connection, or run something against its endpoint.</p>;
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="What each endpoint accepts">
      <table className="w-full text-sm" data-testid="endpoint-capabilities">
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-3 py-2">Base URL</th>
            <th className="px-3 py-2">Model</th>
            <th className="px-3 py-2">Structured output by</th>
            <th className="px-3 py-2">Refuses</th>
            <th className="px-3 py-2">Tested</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={`${r.baseUrl}|${r.model}`} data-testid="endpoint-capability">
              <td className="max-w-56 truncate px-3 py-2 font-mono text-xs" title={r.baseUrl}>
                {r.baseUrl}
              </td>
              <td className="px-3 py-2 font-mono text-xs">{r.model}</td>
              <td className="px-3 py-2">{r.structuredOutput ? HOW[r.structuredOutput] : <span className="text-slate-500">not known yet</span>}</td>
              <td className="space-x-1 px-3 py-2">
                {r.refusedParams.length ? (
                  r.refusedParams.map((p) => (
                    <Badge key={p} tone="amber">
                      {p}
                    </Badge>
                  ))
                ) : (
                  <span className="text-slate-500">nothing</span>
                )}
              </td>
              <td className="px-3 py-2 text-xs text-slate-500">{r.probedAt ? utcMinute(r.probedAt) : "learned from use"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
