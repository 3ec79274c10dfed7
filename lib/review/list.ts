import type { Db, Prisma } from "../db/client";
import { listOrderBy, listWhere, toolInCategory, type ListFilter } from "./filter";

// Without a text index on messages every search scans them. Scanning once
// for the matching trajectory ids, then filtering and counting on those ids,
// halves the cost of a search. A term found in very many trajectories is
// filtered in place instead: the page stops at its first rows and the count
// stops at SEARCH_LIMIT.
export const SEARCH_LIMIT = 10_000;

/** `q` as a literal ILIKE pattern: its own % and _ match themselves. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The filter's condition with its costly parts looked up first: the agents
 * whose tools are in the category or include the tool, and the trajectories whose messages
 * contain the text. Returns whether the count must be capped.
 */
async function resolveWhere(db: Db, filter: ListFilter): Promise<{ where: Prisma.TrajectoryWhereInput; capped: boolean }> {
  const and: Prisma.TrajectoryWhereInput[] = [listWhere({ ...filter, categoryId: undefined, toolId: undefined, q: undefined })];
  if (filter.categoryId) {
    const agents = await db.agent.findMany({ where: { tools: { some: { tool: toolInCategory(filter.categoryId) } } }, select: { id: true } });
    and.push({ agentId: { in: agents.map((a) => a.id) } });
  }
  if (filter.toolId) {
    const offers = await db.agentTool.findMany({ where: { toolId: filter.toolId }, select: { agentId: true } });
    and.push({ agentId: { in: offers.map((o) => o.agentId) } });
  }
  let capped = false;
  if (filter.q) {
    const hits = await db.$queryRaw<{ id: string }[]>`
      SELECT DISTINCT "trajectoryId" AS id FROM "Message" WHERE "content" ILIKE ${likePattern(filter.q)} LIMIT ${SEARCH_LIMIT + 1}`;
    capped = hits.length > SEARCH_LIMIT;
    and.push(capped ? listWhere({ q: filter.q }) : { id: { in: hits.map((h) => h.id) } });
  }
  return { where: { AND: and }, capped };
}

/**
 * One page of the trajectory list, with the number of matches for the pager
 * (`totalIsLowerBound` when a search matched more than SEARCH_LIMIT).
 */
export async function listTrajectories(db: Db, filter: ListFilter) {
  const { where, capped } = await resolveWhere(db, filter);
  // ids first, then their rows: joining agent and task before the offset would join every skipped row too
  const [total, page] = await Promise.all([
    db.trajectory.count({ where, ...(capped ? { take: SEARCH_LIMIT + 1 } : {}) }),
    db.trajectory.findMany({ where, orderBy: listOrderBy(filter), skip: (filter.page - 1) * filter.size, take: filter.size, select: { id: true } }),
  ]);
  const ids = page.map((r) => r.id);
  const found = await db.trajectory.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      createdAt: true,
      protocol: true,
      environment: true,
      model: true,
      provider: true,
      steps: true,
      promptTokens: true,
      completionTokens: true,
      costUsd: true,
      latencyMs: true,
      hasViolations: true,
      hasInjectedFailures: true,
      imported: true,
      tags: true,
      judgeVerdict: true,
      judgeScore: true,
      humanVerdict: true,
      effectiveVerdict: true,
      parentId: true,
      runId: true,
      agent: { select: { id: true, name: true } },
      task: { select: { id: true, goal: true, difficulty: true } },
    },
  });
  const byId = new Map(found.map((r) => [r.id, r]));
  const rows = ids.flatMap((id) => byId.get(id) ?? []);
  return { total, totalIsLowerBound: capped, rows };
}
export type TrajectoryListRow = Awaited<ReturnType<typeof listTrajectories>>["rows"][number];

const OPTIONS_TTL_MS = 30_000;
let cachedOptions: { at: number; db: Db; value: Promise<FilterOptions> } | null = null;

/**
 * What the filter controls offer: agents, categories, models, runs and tags
 * that exist. Finding models and tags reads every trajectory, so the answer
 * is kept for half a minute; a new tag forgets it at once.
 */
export function listFilterOptions(db: Db): Promise<FilterOptions> {
  if (!cachedOptions || cachedOptions.db !== db || Date.now() - cachedOptions.at > OPTIONS_TTL_MS) {
    const value = readFilterOptions(db);
    cachedOptions = { at: Date.now(), db, value };
    value.catch(() => (cachedOptions = null));
  }
  return cachedOptions.value;
}

export function forgetFilterOptions() {
  cachedOptions = null;
}

async function readFilterOptions(db: Db) {
  const [agents, categories, models, runs, tags] = await Promise.all([
    db.agent.findMany({ where: { trajectories: { some: {} } }, orderBy: { name: "asc" }, select: { id: true, name: true }, take: 500 }),
    db.category.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true }, take: 500 }),
    db.trajectory.groupBy({ by: ["model"], where: { model: { not: "" } }, orderBy: { model: "asc" }, take: 200 }),
    db.run.findMany({
      where: { kind: { in: ["simulate", "import", "demo"] } },
      orderBy: { createdAt: "desc" },
      select: { id: true, kind: true, createdAt: true },
      take: 50,
    }),
    db.$queryRaw<{ tag: string }[]>`SELECT DISTINCT unnest("tags") AS tag FROM "Trajectory" ORDER BY tag LIMIT 200`,
  ]);
  return { agents, categories, models: models.map((m) => m.model), runs, tags: tags.map((t) => t.tag) };
}
type FilterOptions = Awaited<ReturnType<typeof readFilterOptions>>;
export type ListFilterOptions = FilterOptions;
