import "server-only";
import type { Db, Prisma } from "../db/client";

// How the trajectories of an agent, a task or a tool fare: how many were
// judged, reviewed and accepted, and the pass rate. One grouped query per
// page of rows, never one per row.

/** The verdict counts of a set of trajectories. */
export type PassRate = {
  trajectories: number;
  /** with a judge verdict */
  judged: number;
  /** with a person's label */
  reviewed: number;
  /** with an effective verdict: judged or reviewed */
  decided: number;
  /** effective verdict accepted */
  accepted: number;
  /** accepted ÷ decided; null when nothing is decided yet */
  rate: number | null;
};

/** The one definition of a pass rate, as the pages explain it. */
export const PASS_RATE_DEFINITION =
  "Pass rate = accepted ÷ decided: of the trajectories with an effective verdict (a person's latest review, else the judge's latest verdict), the share accepted.";

/** A tool's trajectories are those of the agents it is offered to (as a core tool or a distractor), whether or not the agent called it. */
export const TOOL_TRAJECTORIES_DEFINITION = "A tool's trajectories are those of the agents it is offered to, as a core tool or a distractor, called or not.";

export const EMPTY_PASS_RATE: PassRate = { trajectories: 0, judged: 0, reviewed: 0, decided: 0, accepted: 0, rate: null };

type Group = { effectiveVerdict: string | null; _count: { _all: number; judgeVerdict: number; humanVerdict: number } };
const COUNT = { _all: true, judgeVerdict: true, humanVerdict: true } as const;

function withRate(c: Omit<PassRate, "rate">): PassRate {
  return { ...c, rate: c.decided === 0 ? null : c.accepted / c.decided };
}

function add(into: PassRate, g: Group): PassRate {
  return withRate({
    trajectories: into.trajectories + g._count._all,
    judged: into.judged + g._count.judgeVerdict,
    reviewed: into.reviewed + g._count.humanVerdict,
    decided: into.decided + (g.effectiveVerdict === null ? 0 : g._count._all),
    accepted: into.accepted + (g.effectiveVerdict === "accepted" ? g._count._all : 0),
  });
}

function sum(rates: PassRate[]): PassRate {
  const total = rates.reduce(
    (s, r) => ({
      trajectories: s.trajectories + r.trajectories,
      judged: s.judged + r.judged,
      reviewed: s.reviewed + r.reviewed,
      decided: s.decided + r.decided,
      accepted: s.accepted + r.accepted,
    }),
    { trajectories: 0, judged: 0, reviewed: 0, decided: 0, accepted: 0 },
  );
  return withRate(total);
}

function collect(ids: string[], groups: (Group & { key: string | null })[]): Record<string, PassRate> {
  const out: Record<string, PassRate> = Object.fromEntries(ids.map((id) => [id, EMPTY_PASS_RATE]));
  for (const g of groups) if (g.key !== null && g.key in out) out[g.key] = add(out[g.key], g);
  return out;
}

const unique = (ids: string[]) => [...new Set(ids)];

/** Pass rates of the given agents, keyed by agent id (every id present, empty when it has no trajectory). */
export async function passRatesByAgent(db: Db, agentIds: string[]): Promise<Record<string, PassRate>> {
  const ids = unique(agentIds);
  if (ids.length === 0) return {};
  const where: Prisma.TrajectoryWhereInput = { agentId: { in: ids } };
  const groups = await db.trajectory.groupBy({ by: ["agentId", "effectiveVerdict"], where, _count: COUNT });
  return collect(
    ids,
    groups.map((g) => ({ ...g, key: g.agentId })),
  );
}

/** Pass rates of the given tasks, keyed by task id. */
export async function passRatesByTask(db: Db, taskIds: string[]): Promise<Record<string, PassRate>> {
  const ids = unique(taskIds);
  if (ids.length === 0) return {};
  const groups = await db.trajectory.groupBy({ by: ["taskId", "effectiveVerdict"], where: { taskId: { in: ids } }, _count: COUNT });
  return collect(
    ids,
    groups.map((g) => ({ ...g, key: g.taskId })),
  );
}

/**
 * Pass rates of the given tools over the trajectories of the agents they are
 * offered to (TOOL_TRAJECTORIES_DEFINITION): the agents' own rates, summed.
 * A trajectory has one agent, so none is counted twice for a tool.
 */
export async function passRatesByTool(db: Db, toolIds: string[]): Promise<Record<string, PassRate>> {
  const ids = unique(toolIds);
  if (ids.length === 0) return {};
  const offers = await db.agentTool.findMany({ where: { toolId: { in: ids } }, select: { toolId: true, agentId: true } });
  const byAgent = await passRatesByAgent(
    db,
    offers.map((o) => o.agentId),
  );
  const agentsOf = new Map<string, PassRate[]>(ids.map((id) => [id, []]));
  for (const o of offers) agentsOf.get(o.toolId)?.push(byAgent[o.agentId] ?? EMPTY_PASS_RATE);
  return Object.fromEntries([...agentsOf].map(([id, rates]) => [id, sum(rates)]));
}
