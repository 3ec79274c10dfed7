import "server-only";
import type { Db } from "./db/client";
import { readDailyBudget, spentToday } from "./jobs/budget";

/** Spend of one stage (the kind of the run that made the calls) or one role. */
export type SpendShare = { name: string; costUsd: number; tokens: number; calls: number };

export type SpendSummary = {
  costUsd: number;
  tokens: number;
  /** trajectories whose effective verdict is accepted */
  accepted: number;
  /** all the money spent on models ÷ accepted trajectories; null before one is accepted */
  costPerAccepted: number | null;
  /** by the kind of run that made the calls, most expensive first; "outside runs" for calls made by no run (tests, probes) */
  byStage: SpendShare[];
  /** by the gateway role that made the calls, most expensive first */
  byRole: SpendShare[];
  today: { costUsd: number; dailyBudgetUsd: number | null };
};

export const OUTSIDE_RUNS = "outside runs";

type Row = { runId: string | null; role: string; cost: number; tokens: bigint; calls: bigint };

function shares(rows: Row[], name: (r: Row) => string): SpendShare[] {
  const by = new Map<string, SpendShare>();
  for (const r of rows) {
    const key = name(r);
    const share = by.get(key) ?? { name: key, costUsd: 0, tokens: 0, calls: 0 };
    share.costUsd += r.cost;
    share.tokens += Number(r.tokens);
    share.calls += Number(r.calls);
    by.set(key, share);
  }
  return [...by.values()].sort((a, b) => b.costUsd - a.costUsd || b.tokens - a.tokens || a.name.localeCompare(b.name));
}

/**
 * Where the money went, from the LlmCall rows (one per attempt, so retried
 * attempts count; cache hits count no tokens and cost nothing).
 */
export async function spendSummary(db: Db, now = new Date()): Promise<SpendSummary> {
  // grouped by run, then runs looked up by id: cheaper than joining every call to its run
  const [rows, accepted, today, dailyBudgetUsd] = await Promise.all([
    db.$queryRaw<Row[]>`
      SELECT "runId", role::text AS role,
        coalesce(sum("costUsd"), 0)::float8 AS cost,
        coalesce(sum("promptTokens" + "completionTokens"), 0)::bigint AS tokens,
        count(*) FILTER (WHERE NOT cached) AS calls
      FROM "LlmCall"
      GROUP BY 1, 2`,
    db.trajectory.count({ where: { effectiveVerdict: "accepted" } }),
    spentToday(db, now),
    readDailyBudget(db),
  ]);
  const runIds = [...new Set(rows.flatMap((r) => (r.runId ? [r.runId] : [])))];
  const kinds = new Map((await db.run.findMany({ where: { id: { in: runIds } }, select: { id: true, kind: true } })).map((r) => [r.id, r.kind as string]));
  const byStage = shares(rows, (r) => (r.runId && kinds.get(r.runId)) || OUTSIDE_RUNS);
  const costUsd = byStage.reduce((s, x) => s + x.costUsd, 0);
  return {
    costUsd,
    tokens: byStage.reduce((s, x) => s + x.tokens, 0),
    accepted,
    costPerAccepted: accepted > 0 ? costUsd / accepted : null,
    byStage,
    byRole: shares(rows, (r) => r.role),
    today: { costUsd: today, dailyBudgetUsd },
  };
}
