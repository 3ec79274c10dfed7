import type { Db, Environment, Prisma } from "../db/client";
import { errorCaseSchema } from "../synthesis/tool-spec";
import type { EpisodeTask } from "./episode";
import { stdioConfigSchema, type StdioConfig } from "../catalog/source-config";
import type { SimTool } from "./tools/types";
import { worldSchema } from "../world/world";

// Reads a task, its agent and the agent's tools into what an episode needs,
// deciding per tool how it is executed: real MCP tools of a stdio source run
// on their server when the episode's environment is "mcp"; everything else
// is simulated.

export type LoadedEpisodeTask = EpisodeTask & { environment: Environment; mcpSources: Map<string, StdioConfig> };

const record = (v: unknown): Record<string, unknown> | null => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

const agentInclude = { tools: { include: { tool: { include: { source: true } } }, orderBy: { toolId: "asc" as const } } };
type AgentRow = Prisma.AgentGetPayload<{ include: typeof agentInclude }>;
type TaskRow = Prisma.TaskGetPayload<object> & { agent: AgentRow };

/** Agents with their tools, cached by id: many tasks share an agent. */
export type AgentCache = Map<string, AgentRow>;

/** Several tasks in one query, their agents in another (missing ids are absent from the map). */
export async function loadEpisodeTasks(
  db: Db,
  taskIds: string[],
  environmentOverride?: Environment,
  agents: AgentCache = new Map(),
): Promise<Map<string, LoadedEpisodeTask>> {
  const tasks = await db.task.findMany({ where: { id: { in: taskIds } } });
  const missing = [...new Set(tasks.map((t) => t.agentId))].filter((id) => !agents.has(id));
  if (missing.length) {
    for (const agent of await db.agent.findMany({ where: { id: { in: missing } }, include: agentInclude })) agents.set(agent.id, agent);
  }
  return new Map(tasks.map((task) => [task.id, toEpisodeTask({ ...task, agent: agents.get(task.agentId)! }, environmentOverride)]));
}

export async function loadEpisodeTask(db: Db, taskId: string, environmentOverride?: Environment): Promise<LoadedEpisodeTask> {
  const task = (await loadEpisodeTasks(db, [taskId], environmentOverride)).get(taskId);
  if (!task) throw new Error(`task ${taskId} does not exist`);
  return task;
}

function toEpisodeTask(task: TaskRow, environmentOverride?: Environment): LoadedEpisodeTask {
  const environment = environmentOverride ?? task.environment;
  const mcpSources = new Map<string, StdioConfig>();
  const tools: SimTool[] = task.agent.tools.map(({ tool, role }) => {
    let executor: SimTool["executor"] = "simulated";
    if (environment === "mcp" && tool.origin === "real" && tool.executable && tool.source?.kind === "stdio" && !tool.source.disabledAt) {
      const config = stdioConfigSchema.safeParse(tool.source.config);
      if (config.success) {
        mcpSources.set(tool.source.id, config.data);
        executor = "mcp";
      }
    }
    const errorCases = errorCaseSchema.array().safeParse(tool.errorCases);
    return {
      name: tool.name,
      description: tool.description,
      parameters: record(tool.inputSchema) ?? { type: "object", properties: {} },
      outputSchema: record(tool.outputSchema),
      role,
      toolId: tool.id,
      executor,
      annotations: record(tool.annotations),
      errorCases: errorCases.success ? errorCases.data : null,
      ...(executor === "mcp" ? { sourceId: tool.source!.id } : {}),
    };
  });
  return {
    taskId: task.id,
    agentId: task.agentId,
    systemPrompt: task.agent.systemPrompt,
    instruction: task.instruction,
    goal: task.goal,
    persona: task.persona,
    mode: task.mode,
    environment,
    verifier: task.verifier,
    tools,
    world: worldSchema.nullable().catch(null).parse(task.world),
    mcpSources,
  };
}

/**
 * Loads tasks for a run's episodes in batches: the ids asked for in the same
 * tick are fetched at once, together with the next ones in `order` (the
 * order episodes start in), so most episodes find their task already loaded.
 */
export function createTaskLoader(
  db: Db,
  opts: { environment?: Environment; order?: string[]; ahead?: number; keep?: number } = {},
): (taskId: string) => Promise<LoadedEpisodeTask> {
  const { order = [], ahead = 32, keep = 10_000 } = opts;
  const position = new Map(order.map((id, i) => [id, i]));
  const loaded = new Map<string, Promise<LoadedEpisodeTask>>();
  const agents: AgentCache = new Map();
  let waiting: { id: string; resolve(t: LoadedEpisodeTask): void; reject(e: unknown): void }[] = [];
  const flush = async () => {
    const batch = waiting;
    waiting = [];
    try {
      if (agents.size >= keep) agents.clear();
      const found = await loadEpisodeTasks(db, [...new Set(batch.map((b) => b.id))], opts.environment, agents);
      for (const b of batch) {
        const task = found.get(b.id);
        if (task) b.resolve(task);
        else b.reject(new Error(`task ${b.id} does not exist`));
      }
    } catch (e) {
      for (const b of batch) b.reject(e);
    }
  };
  const request = (taskId: string) => {
    const task = new Promise<LoadedEpisodeTask>((resolve, reject) => {
      if (waiting.length === 0) setImmediate(() => void flush());
      waiting.push({ id: taskId, resolve, reject });
    });
    task.catch(() => {}); // a prefetched task nobody asks for must not go unhandled
    if (loaded.size >= keep) loaded.delete(loaded.keys().next().value!);
    loaded.set(taskId, task);
    return task;
  };
  return (taskId) => {
    const known = loaded.get(taskId);
    if (known) return known;
    const task = request(taskId);
    const at = position.get(taskId);
    if (at !== undefined) for (const next of order.slice(at + 1, at + 1 + ahead)) if (!loaded.has(next)) request(next);
    return task;
  };
}
