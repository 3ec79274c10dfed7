import "server-only";
import { z } from "zod";
import type { Db, Prisma } from "../db/client";
import { runProgress, type RunProgress } from "./progress";
import { trajectoryTitle } from "../review/item-titles";
import { stageTitle } from "./stage-titles";

export const RUN_ITEMS_PAGE = 50;

export const runItemsQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  status: z.enum(["pending", "done", "failed"]).optional().catch(undefined),
});
export type RunItemsQuery = z.infer<typeof runItemsQuerySchema>;

/** One kind of thing a run made: how many, and the first few with where to open them. */
export type RunOutput = {
  kind: "tools" | "categories" | "agents" | "tasks" | "trajectories" | "judgements" | "datasets";
  count: number;
  href: string | null;
  items: { id: string; label: string; href: string }[];
};

export type RunSpendRow = { role: string; model: string; calls: number; promptTokens: number; completionTokens: number; costUsd: number };

export type RunDetail = {
  progress: RunProgress;
  title: string;
  config: unknown;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  heartbeatAt: string | null;
  items: { key: string; status: string; attempts: number; error: string | null; resultId: string | null; updatedAt: string }[];
  itemCounts: { pending: number; done: number; failed: number };
  page: number;
  pages: number;
  outputs: RunOutput[];
  spend: RunSpendRow[];
  /** each deletion of the run's outputs (lib/jobs/run-outputs-delete.ts) */
  outputsDeleted: unknown[];
  /** the demo's child runs, or the demo this run belongs to */
  related: { id: string; title: string; status: string }[];
};

const SHOWN = 10;

async function outputs(db: Db, runId: string): Promise<RunOutput[]> {
  const where = { runId };
  const [
    tools,
    toolCount,
    categories,
    categoryCount,
    agents,
    agentCount,
    tasks,
    taskCount,
    trajectories,
    trajectoryCount,
    judgements,
    judgementCount,
    datasets,
    datasetCount,
  ] = await Promise.all([
    db.tool.findMany({ where, select: { id: true, name: true }, orderBy: { name: "asc" }, take: SHOWN }),
    db.tool.count({ where }),
    db.category.findMany({ where, select: { id: true, name: true }, orderBy: { name: "asc" }, take: SHOWN }),
    db.category.count({ where }),
    db.agent.findMany({ where, select: { id: true, name: true }, orderBy: { name: "asc" }, take: SHOWN }),
    db.agent.count({ where }),
    db.task.findMany({ where, select: { id: true, goal: true }, orderBy: { createdAt: "asc" }, take: SHOWN }),
    db.task.count({ where }),
    db.trajectory.findMany({
      where,
      select: { id: true, agent: { select: { name: true } }, task: { select: { goal: true } } },
      orderBy: { createdAt: "asc" },
      take: SHOWN,
    }),
    db.trajectory.count({ where }),
    db.judgement.findMany({
      where,
      select: {
        id: true,
        trajectoryId: true,
        verdict: true,
        trajectory: { select: { id: true, agent: { select: { name: true } }, task: { select: { goal: true } } } },
      },
      orderBy: { createdAt: "asc" },
      take: SHOWN,
    }),
    db.judgement.count({ where }),
    db.dataset.findMany({ where, select: { id: true, name: true, version: true }, orderBy: { version: "asc" }, take: SHOWN }),
    db.dataset.count({ where }),
  ]);
  const all: RunOutput[] = [
    { kind: "tools", count: toolCount, href: null, items: tools.map((t) => ({ id: t.id, label: t.name, href: `/tools/${t.id}` })) },
    {
      kind: "categories",
      count: categoryCount,
      href: "/categories",
      items: categories.map((c) => ({ id: c.id, label: c.name, href: `/categories?categoryId=${c.id}` })),
    },
    { kind: "agents", count: agentCount, href: "/agents", items: agents.map((a) => ({ id: a.id, label: a.name, href: `/agents/${a.id}` })) },
    { kind: "tasks", count: taskCount, href: "/tasks", items: tasks.map((t) => ({ id: t.id, label: t.goal, href: `/tasks/${t.id}` })) },
    {
      kind: "trajectories",
      count: trajectoryCount,
      href: `/trajectories?runId=${runId}`,
      items: trajectories.map((t) => ({ id: t.id, label: trajectoryTitle(t), href: `/trajectories/${t.id}` })),
    },
    {
      kind: "judgements",
      count: judgementCount,
      href: null,
      items: judgements.map((j) => ({ id: j.id, label: `${j.verdict} · ${trajectoryTitle(j.trajectory)}`, href: `/trajectories/${j.trajectoryId}` })),
    },
    {
      kind: "datasets",
      count: datasetCount,
      href: "/datasets",
      items: datasets.map((d) => ({ id: d.id, label: `${d.name} v${d.version}`, href: `/datasets#${d.id}` })),
    },
  ];
  return all.filter((o) => o.count > 0);
}

/** Everything the run page shows of one run; null when there is no such run. */
export async function runDetail(db: Db, runId: string, query: RunItemsQuery, now = Date.now()): Promise<RunDetail | null> {
  const run = await db.run.findUnique({ where: { id: runId }, include: { createdBy: { select: { name: true } } } });
  if (!run) return null;
  const itemWhere: Prisma.RunItemWhereInput = { runId, ...(query.status ? { status: query.status } : {}) };
  const [counts, matching, spend, related] = await Promise.all([
    db.runItem.groupBy({ by: ["status"], where: { runId }, _count: { _all: true } }),
    db.runItem.count({ where: itemWhere }),
    db.llmCall.groupBy({
      by: ["role", "model"],
      where: { runId },
      _count: { _all: true },
      _sum: { promptTokens: true, completionTokens: true, costUsd: true },
    }),
    db.run.findMany({
      where: { OR: [{ parentRunId: runId }, ...(run.parentRunId ? [{ id: run.parentRunId }] : [])] },
      select: { id: true, kind: true, status: true },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  const pages = Math.max(1, Math.ceil(matching / RUN_ITEMS_PAGE));
  const page = Math.min(query.page, pages);
  const items = await db.runItem.findMany({
    where: itemWhere,
    orderBy: [{ status: "desc" }, { key: "asc" }],
    skip: (page - 1) * RUN_ITEMS_PAGE,
    take: RUN_ITEMS_PAGE,
  });
  const itemCounts = { pending: 0, done: 0, failed: 0 };
  for (const c of counts) itemCounts[c.status] = c._count._all;
  return {
    progress: runProgress(run, now),
    title: stageTitle(run.kind),
    config: run.config,
    createdBy: run.createdBy?.name ?? null,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    heartbeatAt: run.heartbeatAt?.toISOString() ?? null,
    items: items.map((i) => ({
      key: i.key,
      status: i.status,
      attempts: i.attempts,
      error: i.error,
      resultId: i.resultId,
      updatedAt: i.updatedAt.toISOString(),
    })),
    itemCounts,
    page,
    pages,
    outputs: await outputs(db, runId),
    outputsDeleted: Array.isArray(run.outputsDeleted) ? run.outputsDeleted : [],
    spend: spend
      .map((s) => ({
        role: s.role,
        model: s.model,
        calls: s._count._all,
        promptTokens: s._sum.promptTokens ?? 0,
        completionTokens: s._sum.completionTokens ?? 0,
        costUsd: s._sum.costUsd ?? 0,
      }))
      .sort((a, b) => b.costUsd - a.costUsd || a.role.localeCompare(b.role)),
    related: related.filter((r) => r.id !== runId).map((r) => ({ id: r.id, title: stageTitle(r.kind), status: r.status })),
  };
}
