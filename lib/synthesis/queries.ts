import "server-only";
import { z } from "zod";
import { readProvenance } from "../catalog/provenance";
import type { Db, Prisma } from "../db/client";
import { pageByPassK, SHOWN_K, solvedBands, taskIdsSolved } from "../judge/pass-k";
import { difficulties, personaSchema, rubricSchema, verifierSchema } from "./task-schemas";

// What the Agents and Tasks pages read. Filters arrive from the URL, so they
// are parsed here and a bad value falls back to "no filter".

export const PAGE_SIZE = 50;

const page = z.coerce.number().int().min(1).max(10_000).catch(1);
const optionalId = z.string().trim().min(1).max(64).optional().catch(undefined);

export const agentFilterSchema = z.object({ q: z.string().trim().max(200).optional().catch(undefined), runId: optionalId, page });
export type AgentFilter = z.infer<typeof agentFilterSchema>;

export const taskFilterSchema = z.object({
  agentId: optionalId,
  difficulty: z.enum(difficulties).optional().catch(undefined),
  environment: z.enum(["simulated", "mcp", "code", "math"]).optional().catch(undefined),
  mode: z.enum(["interactive", "autonomous"]).optional().catch(undefined),
  /** how often the task's judged episodes solve it */
  solved: z.enum(solvedBands).optional().catch(undefined),
  /** newest first, or by pass^k over the judged episodes */
  sort: z.enum(["created", "passK"]).default("created").catch("created"),
  k: z.coerce.number().int().min(1).max(SHOWN_K).default(1).catch(1),
  dir: z.enum(["asc", "desc"]).default("asc").catch("asc"),
  page,
});
export type TaskFilter = z.infer<typeof taskFilterSchema>;

/** The provider that wrote a row, from its provenance (tasks from the verifiable bank have none). */
export function providerOf(provenance: unknown): string | null {
  return readProvenance(provenance).provider ?? null;
}

export async function listAgents(db: Db, filter: AgentFilter) {
  const where: Prisma.AgentWhereInput = {
    ...(filter.runId ? { runId: filter.runId } : {}),
    ...(filter.q ? { OR: [{ name: { contains: filter.q, mode: "insensitive" } }, { domain: { contains: filter.q, mode: "insensitive" } }] } : {}),
  };
  const [total, agents] = await Promise.all([
    db.agent.count({ where }),
    db.agent.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (filter.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      // no trajectory count here: the page takes it from the pass rates, which count them anyway (one scan, not two)
      select: { id: true, name: true, domain: true, provenance: true, createdAt: true, _count: { select: { tasks: true } } },
    }),
  ]);
  const roles = await db.agentTool.groupBy({ by: ["agentId", "role"], where: { agentId: { in: agents.map((a) => a.id) } }, _count: true });
  const count = (agentId: string, role: "core" | "distractor") => roles.find((r) => r.agentId === agentId && r.role === role)?._count ?? 0;
  return {
    total,
    rows: agents.map((a) => ({
      id: a.id,
      name: a.name,
      domain: a.domain,
      provider: providerOf(a.provenance),
      core: count(a.id, "core"),
      distractors: count(a.id, "distractor"),
      tasks: a._count.tasks,
    })),
  };
}
export type AgentRow = Awaited<ReturnType<typeof listAgents>>["rows"][number];

export async function getAgent(db: Db, id: string) {
  const agent = await db.agent.findUnique({
    where: { id },
    include: {
      tools: { include: { tool: { select: { id: true, name: true, description: true, origin: true, category: { select: { name: true } } } } } },
      tasks: {
        orderBy: [{ difficulty: "asc" }, { id: "asc" }],
        select: { id: true, difficulty: true, environment: true, mode: true, goal: true, _count: { select: { trajectories: true } } },
      },
    },
  });
  if (!agent) return null;
  const verdicts = await db.trajectory.groupBy({ by: ["effectiveVerdict"], where: { agentId: id }, _count: true });
  const tools = agent.tools
    .map((t) => ({ role: t.role, ...t.tool, category: t.tool.category?.name ?? null }))
    .sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name) : a.role === "core" ? -1 : 1));
  return {
    ...agent,
    tools,
    provider: providerOf(agent.provenance),
    trajectoryStats: {
      total: verdicts.reduce((s, v) => s + v._count, 0),
      accepted: verdicts.find((v) => v.effectiveVerdict === "accepted")?._count ?? 0,
      rejected: verdicts.find((v) => v.effectiveVerdict === "rejected")?._count ?? 0,
    },
  };
}
export type AgentDetail = NonNullable<Awaited<ReturnType<typeof getAgent>>>;

export async function listTasks(db: Db, filter: TaskFilter) {
  const where: Prisma.TaskWhereInput = {
    ...(filter.agentId ? { agentId: filter.agentId } : {}),
    ...(filter.difficulty ? { difficulty: filter.difficulty } : {}),
    ...(filter.environment ? { environment: filter.environment } : {}),
    ...(filter.mode ? { mode: filter.mode } : {}),
    ...(filter.solved ? { id: { in: await taskIdsSolved(db, filter.solved) } } : {}),
  };
  const skip = (filter.page - 1) * PAGE_SIZE;
  // by pass^k: the database orders the matching tasks' ids, the page is then read in that order
  const passKPage =
    filter.sort === "passK"
      ? await pageByPassK(
          db,
          (await db.task.findMany({ where, select: { id: true } })).map((t) => t.id),
          { k: filter.k, dir: filter.dir, skip, take: PAGE_SIZE },
        )
      : null;
  const [total, found] = await Promise.all([
    db.task.count({ where }),
    db.task.findMany({
      where: passKPage ? { id: { in: passKPage } } : where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      ...(passKPage ? {} : { skip, take: PAGE_SIZE }),
      select: {
        id: true,
        goal: true,
        difficulty: true,
        environment: true,
        mode: true,
        provenance: true,
        agent: { select: { id: true, name: true } },
        _count: { select: { trajectories: true } },
      },
    }),
  ]);
  const byId = new Map(found.map((t) => [t.id, t]));
  const tasks = passKPage ? passKPage.flatMap((id) => byId.get(id) ?? []) : found;
  return {
    total,
    rows: tasks.map((t) => ({
      id: t.id,
      goal: t.goal,
      difficulty: t.difficulty,
      environment: t.environment,
      mode: t.mode,
      provider: providerOf(t.provenance),
      agent: t.agent,
      trajectories: t._count.trajectories,
    })),
  };
}
export type TaskRow = Awaited<ReturnType<typeof listTasks>>["rows"][number];

export async function getTask(db: Db, id: string) {
  const task = await db.task.findUnique({
    where: { id },
    include: { agent: { select: { id: true, name: true } }, _count: { select: { trajectories: true } } },
  });
  if (!task) return null;
  const persona = personaSchema.safeParse(task.persona);
  const rubric = rubricSchema.safeParse(task.rubric);
  const verifier = task.verifier === null ? null : verifierSchema.safeParse(task.verifier);
  return {
    ...task,
    provider: providerOf(task.provenance),
    persona: persona.success ? persona.data : null,
    rubric: rubric.success ? rubric.data : [],
    verifier: verifier?.success ? verifier.data : null,
    trajectories: task._count.trajectories,
  };
}
export type TaskDetail = NonNullable<Awaited<ReturnType<typeof getTask>>>;

/** What names an agent in a page title, or null when there is no such agent. */
export function agentHeading(db: Db, id: string) {
  return db.agent.findUnique({ where: { id }, select: { name: true } });
}

/** What names a task in a page title, or null when there is no such task. */
export function taskHeading(db: Db, id: string) {
  return db.task.findUnique({ where: { id }, select: { goal: true } });
}

/** Agents to pick from in the task filter and forms. */
export async function agentOptions(db: Db) {
  return db.agent.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true }, take: 500 });
}

export async function categoryOptions(db: Db) {
  return db.category.findMany({
    where: { tools: { some: {} } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, _count: { select: { tools: true } } },
  });
}
