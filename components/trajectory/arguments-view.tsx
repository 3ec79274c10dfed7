import type { CallCheck } from "@/lib/review/viewer";
import type { ToolCall } from "@/lib/trajectory/types";
import { Badge } from "@/components/ui/badge";
import { JsonBlock } from "./json-block";

function ValueText({ value }: { value: unknown }) {
  if (typeof value === "string") return <span className="whitespace-pre-wrap break-words">{value}</span>;
  if (value === null || typeof value !== "object") return <code className="text-xs">{String(value)}</code>;
  return <code className="break-all text-xs">{JSON.stringify(value)}</code>;
}

export function CheckBadge({ check }: { check: CallCheck }) {
  if (check.valid === true && check.protocolEnd)
    return (
      <Badge tone="gray" title="ReAct's finish ends the agent's turn; its answer is the reply">
        end of turn (finish)
      </Badge>
    );
  if (check.valid === true) return <Badge tone="green">valid arguments</Badge>;
  if (check.valid === null)
    return (
      <Badge tone="gray" title={check.schemaError}>
        schema unreadable
      </Badge>
    );
  return <Badge tone="red">{check.undeclared ? "unknown tool" : "invalid arguments"}</Badge>;
}

/** A tool call: its arguments as a key/value form and as JSON, and whether they fit the tool's schema. */
export function ToolCallView({ call, check }: { call: ToolCall; check: CallCheck }) {
  const args = call.arguments;
  const entries = args && typeof args === "object" && !Array.isArray(args) ? Object.entries(args as Record<string, unknown>) : null;
  return (
    <div className="rounded-md border border-violet-200 bg-white p-2" data-testid="tool-call" data-valid={String(check.valid)}>
      <div className="mb-1.5 flex flex-wrap items-center gap-2">
        <code className="text-sm font-semibold text-violet-800">{call.name}</code>
        <CheckBadge check={check} />
        <span className="font-mono text-xs text-slate-500">{call.id}</span>
      </div>
      {check.valid === false && (
        <ul className="mb-1.5 list-disc pl-5 text-xs text-rose-700">
          {check.errors.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      )}
      {entries && entries.length > 0 ? (
        <dl className="grid grid-cols-[minmax(5rem,auto)_1fr] gap-x-3 gap-y-1 text-sm">
          {entries.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="font-mono text-xs leading-5 text-slate-500">{k}</dt>
              <dd className="text-slate-800">
                <ValueText value={v} />
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        !call.argumentsError && <p className="text-xs text-slate-500">no arguments</p>
      )}
      {call.argumentsError && call.rawArguments !== undefined && (
        <div className="mt-1">
          <p className="text-xs text-slate-500">As the model wrote them:</p>
          <JsonBlock value={call.rawArguments} label="arguments" />
        </div>
      )}
      <details className="mt-1.5">
        <summary className="cursor-pointer text-xs text-indigo-700">JSON</summary>
        <JsonBlock value={args ?? null} label="arguments" />
      </details>
    </div>
  );
}
