import "server-only";
import type { Db, Prisma } from "../db/client";
import { isFiltered, listOrderBy, listWhere, toolInCategory, type ListFilter } from "./filter";
import { COMMON_MESSAGES, estimateMatchingMessages, trajectoriesMatching, whichMatch } from "./message-search";

// Counts and searches that stay fast at a million trajectories: a count
// stops at COUNT_LIMIT (the page says "10,000+"), the unfiltered list's
// count is PostgreSQL's estimate once the table is large (the page says
// "about"), and a message search finds the trajectories of a rare term
// through the text index but walks the list in its order for a common one
// (estimating its count from the share of matches on the way).
export const COUNT_LIMIT = 10_000;
/** an unfiltered list of at least this many trajectories shows the estimate */
export const ESTIMATE_FROM = 10_000;
/** the most trajectories a common term's walk reads per step, and for one page */
const WALK_STEP = 500;
const WALK_LIMIT = 50_000;
/** a walk that finds fewer than RARE_SHARE of the first RARE_AFTER trajectories read looks the term up instead */
const RARE_AFTER = 500;
const RARE_SHARE = 0.05;

/** exact; at least `value` (a count that stopped at COUNT_LIMIT); or about `value` (an estimate) */
export type ListTotal = { value: number; kind: "exact" | "atLeast" | "about" };

/**
 * The filter's condition with its costly parts looked up first: the agents
 * whose tools are in the category or include the tool. Message search is
 * not in it (see listTrajectories).
 */
async function resolveWhere(db: Db, filter: ListFilter): Promise<Prisma.TrajectoryWhereInput> {
  const and: Prisma.TrajectoryWhereInput[] = [listWhere({ ...filter, categoryId: undefined, toolId: undefined })];
  if (filter.categoryId) {
    const agents = await db.agent.findMany({ where: { tools: { some: { tool: toolInCategory(filter.categoryId) } } }, select: { id: true } });
    and.push({ agentId: { in: agents.map((a) => a.id) } });
  }
  if (filter.toolId) {
    const offers = await db.agentTool.findMany({ where: { toolId: filter.toolId }, select: { agentId: true } });
    and.push({ agentId: { in: offers.map((o) => o.agentId) } });
  }
  return { AND: and };
}

/** How many trajectories match: PostgreSQL's estimate for the whole (large) table, else a count that stops after COUNT_LIMIT. */
async function countTrajectories(db: Db, where: Prisma.TrajectoryWhereInput, filtered: boolean): Promise<ListTotal> {
  if (!filtered) {
    const [{ estimate }] = await db.$queryRaw<{ estimate: number }[]>`SELECT reltuples::float8 AS estimate FROM pg_class WHERE oid = '"Trajectory"'::regclass`;
    if (estimate >= ESTIMATE_FROM) return { value: Math.round(estimate), kind: "about" };
  }
  const counted = await db.trajectory.count({ where, take: COUNT_LIMIT + 1 });
  return counted > COUNT_LIMIT ? { value: COUNT_LIMIT, kind: "atLeast" } : { value: counted, kind: "exact" };
}

type PageIds = { ids: string[]; total: ListTotal };

async function pageIds(db: Db, where: Prisma.TrajectoryWhereInput, filter: ListFilter, filtered: boolean): Promise<PageIds> {
  const [total, page] = await Promise.all([
    countTrajectories(db, where, filtered),
    db.trajectory.findMany({ where, orderBy: listOrderBy(filter), skip: (filter.page - 1) * filter.size, take: filter.size, select: { id: true } }),
  ]);
  return { ids: page.map((r) => r.id), total };
}

/** The page of a message search: through the index for a rare term, by walking the list for a common one. */
async function searchPageIds(db: Db, where: Prisma.TrajectoryWhereInput, filter: ListFilter, q: string, commonMessages: number): Promise<PageIds> {
  const estimate = await estimateMatchingMessages(db, q);
  if (estimate === 0) return { ids: [], total: { value: 0, kind: "exact" } };
  const lookUp = async (): Promise<PageIds | null> => {
    const hits = await trajectoriesMatching(db, q, COUNT_LIMIT + 1);
    return hits.length <= COUNT_LIMIT ? pageIds(db, { AND: [where, { id: { in: hits } }] }, filter, true) : null;
  };
  // looked up once at most: more than COUNT_LIMIT trajectories hold the term, so walking it is right
  let lookedUp = estimate <= commonMessages;
  if (lookedUp) {
    const found = await lookUp();
    if (found) return found;
  }
  // A common term: read the list in its order and keep the trajectories that match, until the page is full.
  const wanted = filter.page * filter.size;
  const matched: string[] = [];
  let read = 0;
  let exhausted = false;
  while (matched.length < wanted && read < WALK_LIMIT) {
    if (!lookedUp && read >= RARE_AFTER && matched.length < read * RARE_SHARE) {
      // common words, rare together (a phrase): walking would read most of the list
      lookedUp = true;
      const found = await lookUp();
      if (found) return found;
    }
    // each trajectory read costs its messages' text parsed again: read about what the page still needs
    const share = read ? Math.max(matched.length / read, 0.05) : 1;
    const step = Math.min(WALK_STEP, Math.ceil(((wanted - matched.length) / share) * 1.2) + 10);
    const batch = await db.trajectory.findMany({ where, orderBy: listOrderBy(filter), skip: read, take: step, select: { id: true } });
    read += batch.length;
    const hit = await whichMatch(
      db,
      q,
      batch.map((b) => b.id),
    );
    matched.push(...batch.filter((b) => hit.has(b.id)).map((b) => b.id));
    if (batch.length < step) {
      exhausted = true;
      break;
    }
  }
  const ids = matched.slice((filter.page - 1) * filter.size, wanted);
  if (exhausted) return { ids, total: { value: matched.length, kind: "exact" } };
  const base = await countTrajectories(db, where, isFiltered({ ...filter, q: undefined }));
  const share = read ? matched.length / read : 0;
  const value = Math.max(matched.length, Math.round(base.value * share));
  return { ids, total: { value, kind: base.kind === "atLeast" ? "atLeast" : "about" } };
}

/**
 * One page of the trajectory list, with how many trajectories match (exact,
 * at least, or about). `commonMessages`: above this many messages (estimated)
 * a search term is walked rather than looked up (tests lower it).
 */
export async function listTrajectories(db: Db, filter: ListFilter, opts: { commonMessages?: number } = {}) {
  const where = await resolveWhere(db, filter);
  // ids first, then their rows: joining agent and task before the offset would join every skipped row too
  const { ids, total } = filter.q
    ? await searchPageIds(db, where, filter, filter.q, opts.commonMessages ?? COMMON_MESSAGES)
    : await pageIds(db, where, filter, isFiltered(filter));
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
  return { total: total.value, totalKind: total.kind, rows };
}
export type TrajectoryListRow = Awaited<ReturnType<typeof listTrajectories>>["rows"][number];

/** How many trajectories the studio holds. */
export function trajectoryCount(db: Db): Promise<number> {
  return db.trajectory.count();
}

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
