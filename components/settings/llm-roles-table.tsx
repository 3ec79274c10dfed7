"use client";

import { Fragment, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { PublicRoleConfig } from "@/lib/llm/config";
import type { LlmRole } from "@/lib/llm/types";
import type { FormAction } from "@/components/ui/action-form";
import { LlmRoleForm } from "./llm-role-form";

const PURPOSE: Record<LlmRole, string> = {
  generator: "writes tools, agents and tasks",
  agent: "the model whose trajectories we make",
  user: "simulates the user",
  tool: "simulates tool results",
  judge: "grades trajectories",
  embedding: "embeds text for search and clustering",
};

const limit = (n: number) => (n === 0 ? "none" : n.toLocaleString("en-US"));

/** Each role's settings as the gateway resolves them now; admins edit a role in place. */
export function LlmRolesTable({ roles, save }: { roles: PublicRoleConfig[]; save?: FormAction }) {
  const [editing, setEditing] = useState<LlmRole | null>(null);
  const columns = save ? 10 : 9;
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Models by role">
      <table className="w-full text-sm">
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-3 py-2">Role</th>
            <th className="px-3 py-2">Provider</th>
            <th className="px-3 py-2">Base URL</th>
            <th className="px-3 py-2">Model</th>
            <th className="px-3 py-2 text-right">Temp.</th>
            <th className="px-3 py-2 text-right">Max tokens</th>
            <th className="px-3 py-2 text-right">Concurrency</th>
            <th className="px-3 py-2 text-right">Req. / tokens per min</th>
            <th className="px-3 py-2">Key</th>
            {save && <th className="px-3 py-2" />}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {roles.map((c) => (
            <Fragment key={c.role}>
              <tr data-testid={`llm-role-${c.role}`} data-provider={c.provider}>
                <td className="px-3 py-2">
                  <div className="font-medium text-slate-800">{c.role}</div>
                  <div className="text-xs text-slate-500">{PURPOSE[c.role]}</div>
                </td>
                <td className="px-3 py-2">{c.provider === "offline" ? <Badge tone="amber">offline</Badge> : <Badge tone="blue">openai-compatible</Badge>}</td>
                <td className="max-w-56 truncate px-3 py-2 font-mono text-xs" title={c.baseUrl}>
                  {c.provider === "offline" ? <span className="text-slate-500">not used</span> : c.baseUrl}
                </td>
                <td className="px-3 py-2 font-mono text-xs" data-testid="llm-role-model">
                  {c.model}
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{c.temperature}</td>
                <td className="px-3 py-2 text-right tabular-nums">{c.maxTokens.toLocaleString("en-US")}</td>
                <td className="px-3 py-2 text-right tabular-nums">{c.concurrency}</td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {limit(c.requestsPerMinute)} / {limit(c.tokensPerMinute)}
                </td>
                <td className="px-3 py-2">
                  {c.hasApiKey ? (
                    <Badge tone="green">configured</Badge>
                  ) : (
                    <Badge title={c.provider === "offline" ? "The offline provider needs none" : "Requests go without a key: fine for a local vLLM or Ollama"}>
                      none
                    </Badge>
                  )}
                </td>
                {save && (
                  <td className="px-3 py-2 text-right">
                    <Button
                      variant="secondary"
                      type="button"
                      aria-label={editing === c.role ? `Close ${c.role}` : `Edit ${c.role}`}
                      aria-expanded={editing === c.role}
                      onClick={() => setEditing(editing === c.role ? null : c.role)}
                    >
                      {editing === c.role ? "Close" : "Edit"}
                    </Button>
                  </td>
                )}
              </tr>
              {save && editing === c.role && (
                <tr>
                  <td colSpan={columns} className="bg-slate-50 px-3 py-3">
                    <LlmRoleForm config={c} save={save} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
