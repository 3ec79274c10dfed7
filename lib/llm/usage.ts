import "server-only";
import type { Db, LlmRole } from "../db/client";
import { LLM_ROLES } from "./types";

export type UsageTotals = {
  calls: number;
  /** Answered from the response cache: no request, no tokens, no cost. */
  cachedCalls: number;
  errors: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
};

export type ModelUsage = UsageTotals & { model: string; provider: string };
export type RoleUsage = UsageTotals & { role: LlmRole };
export type LlmUsage = { byModel: ModelUsage[]; byRole: RoleUsage[]; total: UsageTotals };

const zero = (): UsageTotals => ({ calls: 0, cachedCalls: 0, errors: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 });

function add(into: UsageTotals, from: UsageTotals) {
  into.calls += from.calls;
  into.cachedCalls += from.cachedCalls;
  into.errors += from.errors;
  into.promptTokens += from.promptTokens;
  into.completionTokens += from.completionTokens;
  into.costUsd += from.costUsd;
}

/**
 * What every model call recorded by the gateway added up to, per model and per
 * role. One grouped query; the table can hold millions of rows, so nothing is
 * summed in JavaScript beyond the (few) groups.
 */
export async function llmUsage(db: Db): Promise<LlmUsage> {
  const groups = await db.llmCall.groupBy({
    by: ["model", "provider", "role", "status", "cached"],
    _count: { _all: true },
    _sum: { promptTokens: true, completionTokens: true, costUsd: true },
  });
  const byModel = new Map<string, ModelUsage>();
  const byRole = new Map<LlmRole, RoleUsage>();
  const total = zero();
  for (const g of groups) {
    const totals: UsageTotals = {
      calls: g._count._all,
      cachedCalls: g.cached ? g._count._all : 0,
      errors: g.status === "error" ? g._count._all : 0,
      promptTokens: g._sum.promptTokens ?? 0,
      completionTokens: g._sum.completionTokens ?? 0,
      costUsd: g._sum.costUsd ?? 0,
    };
    const modelKey = `${g.provider}\u0000${g.model}`;
    if (!byModel.has(modelKey)) byModel.set(modelKey, { model: g.model, provider: g.provider, ...zero() });
    if (!byRole.has(g.role)) byRole.set(g.role, { role: g.role, ...zero() });
    add(byModel.get(modelKey)!, totals);
    add(byRole.get(g.role)!, totals);
    add(total, totals);
  }
  return {
    byModel: [...byModel.values()].sort((a, b) => b.costUsd - a.costUsd || b.calls - a.calls || a.model.localeCompare(b.model)),
    byRole: [...byRole.values()].sort((a, b) => LLM_ROLES.indexOf(a.role) - LLM_ROLES.indexOf(b.role)),
    total,
  };
}
