import type { Db, Prisma } from "../../db/client";
import type { TaskSynthesisConfig } from "../config";
import { defineStage, type StageContext } from "../../jobs/types";
import { callsInFlight, forEachConcurrent, itemsInFlight, stageLimits, type createLimiter } from "../../jobs/concurrency";
import type { SynthesisGateway } from "../gateway";
import { batchModeOf, synthesisGateway } from "../gateway-factory";
import { createRng, deriveSeed, sha256 } from "../random";
import { plannedCriteria, planTask, type AgentToolRef } from "../task-plan";
import { taskPrompt, TASK_PROMPT_VERSION } from "../task-prompts";
import { taskDraftSchema, type Difficulty, type RubricCriterion } from "../task-schemas";
import { unfinishedItemKeys } from "../run-items";
import { taskProblems } from "../task-validate";
import { codeTask, mathTask } from "../verifiable/verifiable-task";
import { blueprintProblems, buildTaskWorld, missingDetails, type ExecuteAction } from "../task-world";
import { TASK_FORMAT } from "../task-prompt-format";
import { simulationGateway } from "../../simulation/gateway-factory";
import { createToolSimulator } from "../../simulation/tools/simulator";
import type { SimTool, ToolBackend } from "../../simulation/tools/types";

type AgentRow = {
  id: string;
  name: string;
  systemPrompt: string;
  tools: (AgentToolRef & { parameters: Record<string, unknown>; outputSchema: Record<string, unknown> | null; annotations: Record<string, unknown> | null })[];
};
type Slot = { key: string; agent: AgentRow; kind: "tool_use" | "code" | "math"; n: number; difficulty: Difficulty; seed: number };

export class TaskRejected extends Error {}

async function loadAgents(db: Db, ids: string[]): Promise<AgentRow[]> {
  const agents = await db.agent.findMany({
    where: ids.length ? { id: { in: ids } } : {},
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      systemPrompt: true,
      tools: { select: { role: true, tool: { select: { name: true, description: true, inputSchema: true, outputSchema: true, annotations: true } } } },
    },
  });
  const record = (v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
  return agents.map((a) => ({
    ...a,
    tools: a.tools.map((t) => ({
      name: t.tool.name,
      description: t.tool.description,
      role: t.role,
      parameters: record(t.tool.inputSchema) ?? {},
      outputSchema: record(t.tool.outputSchema),
      annotations: record(t.tool.annotations),
    })),
  }));
}

/** Every slot of the run. Seeds come from the agent's prompt, not its id, so a fresh database repeats them. */
export function taskSlots(agents: AgentRow[], config: TaskSynthesisConfig): Slot[] {
  const slots: Slot[] = [];
  for (const agent of agents) {
    const identity = sha256(agent.systemPrompt).slice(0, 16);
    const offset = deriveSeed(config.seed, "difficulty", identity) % config.difficulties.length;
    for (let n = 0; n < config.perAgent; n++) {
      const difficulty = config.difficulties[(offset + n) % config.difficulties.length];
      slots.push({ key: `task:${agent.id}:${n}`, agent, kind: "tool_use", n, difficulty, seed: deriveSeed(config.seed, "task", identity, n) });
    }
    for (const [kind, count] of [
      ["code", config.codeTasksPerAgent],
      ["math", config.mathTasksPerAgent],
    ] as const) {
      for (let n = 0; n < count; n++) {
        slots.push({ key: `${kind}:${agent.id}:${n}`, agent, kind, n, difficulty: "no_tool", seed: deriveSeed(config.seed, kind, identity, n) });
      }
    }
  }
  return slots;
}

type Deps = {
  ctx: StageContext;
  config: TaskSynthesisConfig;
  gateway: SynthesisGateway;
  catalogueNames: Set<string>;
  limit: ReturnType<typeof createLimiter>;
  /** plays the tools when a blueprint is checked by executing it */
  toolSimulator: ToolBackend;
  /** slots an earlier attempt of this run started, which may already have their task */
  interrupted: Set<string>;
};

async function makeTask(deps: Deps, slot: Slot): Promise<string | void> {
  const { ctx, config } = deps;
  // A retry after a crash between insert and bookkeeping finds the task it already made.
  if (deps.interrupted.has(slot.key)) {
    const made = await ctx.db.task.findFirst({
      where: { agentId: slot.agent.id, runId: ctx.run.id, provenance: { path: ["slot"], equals: slot.key } },
      select: { id: true },
    });
    if (made) return made.id;
  }
  const provenance = { runId: ctx.run.id, slot: slot.key, seed: slot.seed, runSeed: config.seed };
  const allTools = slot.agent.tools.map((t) => t.name).sort();

  if (slot.kind !== "tool_use") {
    const task = slot.kind === "code" ? codeTask(createRng(slot.seed), config.codeLanguages) : mathTask(createRng(slot.seed));
    return create(ctx.db, {
      agentId: slot.agent.id,
      goal: task.goal,
      instruction: task.instruction,
      mode: "autonomous",
      difficulty: "no_tool",
      environment: task.environment,
      rubric: task.rubric,
      verifier: task.verifier as Prisma.InputJsonValue,
      requiredTools: [],
      forbiddenTools: allTools,
      provenance: { ...provenance, ...task.provenance, generator: "verifiable-bank" },
      runId: ctx.run.id,
    });
  }

  const plan = planTask(slot.agent.tools, slot.difficulty, slot.seed, config.interactiveShare);
  const result = await deps.limit(() =>
    deps.gateway.structured(
      "generator",
      { messages: taskPrompt(slot.agent, slot.agent.tools, plan), schema: taskDraftSchema, name: TASK_FORMAT },
      { runId: ctx.run.id, seed: slot.seed, signal: ctx.signal, cache: config.cache },
    ),
  );
  const draft = result.value;
  const rubric: RubricCriterion[] = [
    ...draft.successCriteria.map((c, i) => ({ id: `success-${i + 1}`, kind: "success" as const, description: c.description, weight: c.weight })),
    ...plannedCriteria(plan),
    ...draft.checkpoints.map((c, i) => ({ id: `checkpoint-${i + 1}`, kind: "checkpoint" as const, description: c, weight: 1 })),
  ];
  const candidate = {
    difficulty: plan.difficulty,
    mode: plan.mode,
    persona: draft.persona,
    rubric,
    requiredTools: plan.required,
    forbiddenTools: plan.forbidden,
  };
  const problems = taskProblems(candidate, new Set(allTools), deps.catalogueNames);
  if (problems.length) throw new TaskRejected(`rejected: ${problems.join("; ")}`);
  const taskWorld = buildTaskWorld(slot.agent.tools, plan, slot.seed);
  if (taskWorld) {
    const broken = await blueprintProblems(taskWorld.world, taskWorld.blueprint, executeWith(deps.toolSimulator, slot.agent.tools, slot.seed, ctx));
    // a discarded task is an outcome, not a failure of the run: its reason goes to the run's log
    if (broken.length) return void (await ctx.log(`Discarded task ${slot.key}: its blueprint does not reach its own end state: ${broken.join("; ")}`));
  }
  // the ids and values the blueprint acts with are the user's to give: the instruction names those it leaves out
  const missingIds = taskWorld?.givenIds.filter((id) => !draft.instruction.includes(id)) ?? [];
  const details = taskWorld ? missingDetails(taskWorld.blueprint, taskWorld.givenIds, draft.instruction) : {};
  const appended = [
    missingIds.length ? `Reference: ${missingIds.join(", ")}.` : "",
    Object.keys(details).length ? `Details: ${JSON.stringify(details)}` : "",
  ].filter(Boolean);
  const instruction = appended.length ? `${draft.instruction}\n\n${appended.join("\n")}` : draft.instruction;
  return create(ctx.db, {
    agentId: slot.agent.id,
    goal: draft.goal,
    instruction,
    persona: draft.persona,
    ...(taskWorld ? { world: taskWorld.world as Prisma.InputJsonValue, blueprint: taskWorld.blueprint as Prisma.InputJsonValue } : {}),
    mode: plan.mode,
    difficulty: plan.difficulty,
    environment: "simulated",
    rubric,
    requiredTools: plan.required,
    forbiddenTools: plan.forbidden,
    provenance: {
      ...provenance,
      model: result.model,
      provider: result.provider,
      promptVersion: TASK_PROMPT_VERSION,
      requestedDifficulty: slot.difficulty,
      ...(missingIds.length ? { instructionIdsAppended: missingIds } : {}),
      ...(Object.keys(details).length ? { instructionDetailsAppended: details } : {}),
    },
    runId: ctx.run.id,
  });
}

async function create(db: Db, data: Prisma.TaskUncheckedCreateInput): Promise<string> {
  return (await db.task.create({ data, select: { id: true } })).id;
}

export async function describeTaskRun(db: Db, runId: string): Promise<string> {
  const [groups, rejected] = await Promise.all([
    db.task.groupBy({ by: ["difficulty", "environment"], where: { runId }, _count: true }),
    db.runItem.count({ where: { runId, status: "failed" } }),
  ]);
  const total = groups.reduce((s, g) => s + g._count, 0);
  const parts = groups
    .sort((a, b) => `${a.environment}${a.difficulty}`.localeCompare(`${b.environment}${b.difficulty}`))
    .map((g) => `${g.environment === "simulated" ? g.difficulty : g.environment} ${g._count}`);
  return `${total} tasks made (${parts.join(", ") || "none"}); ${rejected} rejected or failed`;
}

/** Runs a blueprint's action through the tool simulator against the given world. */
function executeWith(simulator: ToolBackend, tools: AgentRow["tools"], seed: number, ctx: StageContext): ExecuteAction {
  const simTools: SimTool[] = tools.map((t) => ({
    name: t.name,
    description: t.description,
    parameters: t.parameters,
    outputSchema: t.outputSchema,
    annotations: t.annotations,
    executor: "simulated",
  }));
  const byName = new Map(simTools.map((t) => [t.name, t]));
  let callIndex = 0;
  return async (action, world) => {
    const tool = byName.get(action.tool);
    if (!tool) return { patch: [], error: `${action.tool} is not one of the agent's tools` };
    const r = await simulator.call(tool, action.arguments, {
      seed,
      callIndex: callIndex++,
      history: [],
      tools: byName,
      world,
      runId: ctx.run.id,
      signal: ctx.signal,
    });
    return { patch: r.worldPatch ?? [], error: r.violations?.[0]?.message ?? null };
  };
}

export async function runTaskSynthesis(ctx: StageContext, config: TaskSynthesisConfig, gateway: SynthesisGateway, toolSimulator?: ToolBackend): Promise<void> {
  const agents = await loadAgents(ctx.db, config.agentIds);
  if (agents.length === 0) throw new Error("There are no agents to write tasks for: run Synthesize agents first");
  const slots = taskSlots(agents, config);
  await ctx.setTotal(slots.length);
  const names = await ctx.db.tool.findMany({ select: { name: true }, distinct: ["name"] });
  const { call, work } = stageLimits(config);
  const deps: Deps = {
    ctx,
    config,
    gateway,
    catalogueNames: new Set(names.map((n) => n.name)),
    limit: call,
    toolSimulator: toolSimulator ?? createToolSimulator({ gateway: simulationGateway(ctx.db), failureRate: 0, cache: config.cache }),
    interrupted: await unfinishedItemKeys(ctx.db, ctx.run.id),
  };
  await forEachConcurrent(
    slots,
    itemsInFlight(callsInFlight(config)),
    async (slot) => void (await work.run(() => ctx.item(slot.key, () => makeTask(deps, slot)))),
    ctx.signal,
  );
  await ctx.log(await describeTaskRun(ctx.db, ctx.run.id));
}

export const synthesizeTasksStage = defineStage({
  kind: "synthesize_tasks",
  async run(ctx, config) {
    await runTaskSynthesis(ctx, config, synthesisGateway(ctx.db, batchModeOf(config, ctx.run.id)));
  },
});
