import { catalogCounts, listCategories, listTools, parseToolFilters } from "../catalog/queries";
import { dashboardData } from "../dashboard";
import type { Db } from "../db/client";
import { agentFilterSchema, categoryOptions, getAgent, listAgents } from "../synthesis/queries";
import { saveTrajectory } from "../trajectory/store";
import { trajectoryDocSchema } from "../trajectory/types";
import { parseListFilter } from "./filter";
import { listFilterOptions, listTrajectories } from "./list";
import { passRatesByAgent, passRatesByTask, passRatesByTool } from "./pass-rates";
import { listSavedViews } from "./saved-views";
import { loadTrajectoryView } from "./viewer";

// What each browsing page reads on the server, as the page reads it, for the
// benchmarks that time pages over many trajectories (lib/review/bench.ts,
// lib/review/scale-bench.ts).

/** The 95th percentile of `samples` calls, after one call that warms the plan cache and the pool. */
export async function p95(work: () => Promise<unknown>, samples = 20): Promise<number> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.ceil(times.length * 0.95) - 1];
}

export function benchPages(db: Db, ids: { reviewerId: string; agentId: string }) {
  return {
    /** the trajectory list for a query string such as "verdict=rejected&sort=cost" */
    list: async (query: string) => {
      await Promise.all([listTrajectories(db, parseListFilter(query)), listFilterOptions(db), listSavedViews(db, ids.reviewerId)]);
    },
    trajectory: (id: string) => loadTrajectoryView(db, id),
    dashboard: () => dashboardData(db),
    agents: async () => {
      const [{ rows }] = await Promise.all([listAgents(db, agentFilterSchema.parse({})), categoryOptions(db)]);
      await passRatesByAgent(
        db,
        rows.map((r) => r.id),
      );
    },
    agent: async () => {
      const agent = await getAgent(db, ids.agentId);
      if (!agent) throw new Error(`No agent ${ids.agentId}`);
      await Promise.all([
        passRatesByAgent(db, [agent.id]),
        passRatesByTask(
          db,
          agent.tasks.map((t) => t.id),
        ),
      ]);
    },
    tools: async () => {
      const [list] = await Promise.all([
        listTools(db, parseToolFilters({})),
        catalogCounts(db),
        db.toolSource.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
        listCategories(db),
      ]);
      await passRatesByTool(
        db,
        list.rows.map((r) => r.id),
      );
    },
  };
}

/** One 300-step trajectory with a tool call and result every other step, made once per `model`. */
export async function ensureLongTrajectory(db: Db, where: { model: string; agentId: string; taskId: string }): Promise<string> {
  const existing = await db.trajectory.findFirst({ where: { model: where.model }, select: { id: true } });
  if (existing) return existing.id;
  const steps = Array.from({ length: 300 }, (_, i) =>
    i === 0
      ? { role: "user", content: "Check all 150 orders" }
      : i % 2 === 1
        ? { role: "assistant", content: null, toolCalls: [{ id: `c${i}`, name: "get_order", arguments: { id: i } }], promptTokens: 100, completionTokens: 20 }
        : {
            role: "tool",
            content: JSON.stringify({ id: i - 1, status: "shipped", items: Array.from({ length: 20 }, (_, k) => ({ sku: k })) }),
            toolCallId: `c${i - 1}`,
            toolName: "get_order",
          },
  );
  const doc = trajectoryDocSchema.parse({
    tools: [{ name: "get_order", parameters: { type: "object", properties: { id: { type: "integer" } }, required: ["id"] } }],
    messages: steps,
  });
  return saveTrajectory(db, doc, { model: where.model, agentId: where.agentId, taskId: where.taskId, endReason: "agent_finished" });
}
