import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { AgentDetail } from "@/lib/synthesis/queries";

/** The agent's tools, core first; distractors are there for the agent to leave alone. */
export function AgentTools({ tools }: { tools: AgentDetail["tools"] }) {
  return (
    <ul className="divide-y divide-slate-100" data-testid="agent-tools">
      {tools.map((t) => (
        <li key={t.id} className="flex items-start gap-3 py-2" data-role={t.role}>
          <Badge tone={t.role === "core" ? "blue" : "gray"}>{t.role}</Badge>
          <div className="min-w-0">
            <Link href={`/tools/${t.id}`} className="font-mono text-sm text-indigo-700 hover:underline">
              {t.name}
            </Link>
            <span className="ml-2 text-xs text-slate-500">
              {t.origin}
              {t.category ? ` · ${t.category}` : ""}
            </span>
            <p className="text-sm text-slate-600">{t.description}</p>
          </div>
        </li>
      ))}
    </ul>
  );
}
