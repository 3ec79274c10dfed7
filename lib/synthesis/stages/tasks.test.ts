import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../../test/db";
import type { Db } from "../../db/client";
import { createStageContext } from "../../jobs/context";
import { agentSynthesisConfig, taskSynthesisConfig, type TaskSynthesisConfig } from "../config";
import { runAgentSynthesis } from "./agents";
import { rubricSchema, personaSchema, verifierSchema } from "../task-schemas";
import { runTaskSynthesis } from "./tasks";
import { createFakeGateway } from "../testing/fake-gateway";
import { seedCatalogue, stageContext } from "../testing/fixtures";

const config = (over: Partial<TaskSynthesisConfig> = {}) =>
  taskSynthesisConfig.parse({ perAgent: 6, codeTasksPerAgent: 1, mathTasksPerAgent: 1, seed: 3, ...over });

async function catalogueWithAgents(count = 4): Promise<Db> {
  const { db } = await createTestDb();
  await seedCatalogue(db);
  const cfg = agentSynthesisConfig.parse({ count, minCoreTools: 2, maxCoreTools: 4, distractorRatio: 0.5, seed: 4 });
  const { ctx } = await stageContext(db, "synthesize_agents", cfg);
  await runAgentSynthesis(ctx, cfg, createFakeGateway());
  return db;
}

async function synthesize(db: Db, cfg: TaskSynthesisConfig, gateway = createFakeGateway()) {
  const { run, ctx } = await stageContext(db, "synthesize_tasks", cfg);
  await runTaskSynthesis(ctx, cfg, gateway);
  return db.run.findUniqueOrThrow({ where: { id: run.id } });
}

async function describeTasks(db: Db, runId: string) {
  const tasks = await db.task.findMany({ where: { runId }, include: { agent: { select: { name: true } } } });
  return tasks
    .map((t) =>
      JSON.stringify([
        t.agent.name,
        t.difficulty,
        t.environment,
        t.mode,
        t.goal,
        t.instruction,
        t.rubric,
        t.verifier,
        t.requiredTools,
        t.forbiddenTools,
        t.persona,
      ]),
    )
    .sort();
}

describe("synthesize tasks", () => {
  let db: Db;
  beforeAll(async () => {
    db = await catalogueWithAgents();
  });

  it("writes tasks at every difficulty plus code and math tasks, consistent with each agent's tools", async () => {
    const run = await synthesize(db, config());
    const agents = await db.agent.findMany({ include: { tools: { include: { tool: true } } } });
    expect(run).toMatchObject({ total: agents.length * 8, done: agents.length * 8, failed: 0 });
    const tasks = await db.task.findMany({ where: { runId: run.id } });
    expect(tasks).toHaveLength(agents.length * 8);
    expect(new Set(tasks.map((t) => t.difficulty))).toEqual(new Set(["single_call", "multi_step", "parallel", "clarification", "refusal", "no_tool"]));
    for (const task of tasks) {
      const agent = agents.find((a) => a.id === task.agentId)!;
      const names = new Set(agent.tools.map((t) => t.tool.name));
      const core = new Set(agent.tools.filter((t) => t.role === "core").map((t) => t.tool.name));
      const distractors = agent.tools.filter((t) => t.role === "distractor").map((t) => t.tool.name);
      expect(rubricSchema.safeParse(task.rubric).success).toBe(true);
      for (const name of [...task.requiredTools, ...task.forbiddenTools]) expect(names.has(name)).toBe(true);
      for (const name of task.requiredTools) expect(core.has(name)).toBe(true);
      for (const name of distractors) expect(task.forbiddenTools).toContain(name);
      expect(task.provenance).toMatchObject({ runId: run.id, runSeed: 3, slot: expect.any(String) });
      if (task.environment === "simulated") {
        expect(personaSchema.safeParse(task.persona).success).toBe(true);
        expect(task.verifier).toBeNull();
        expect(task.provenance).toMatchObject({ model: "fake-model", promptVersion: "tasks-v1" });
      } else {
        const verifier = verifierSchema.parse(task.verifier);
        expect(verifier.kind).toBe(task.environment);
        expect(task.mode).toBe("autonomous");
        expect(task.requiredTools).toEqual([]);
      }
      if (task.difficulty === "clarification") expect(task.mode).toBe("interactive");
      if (task.difficulty === "single_call") expect(task.requiredTools).toHaveLength(1);
    }
    expect(run.message).toMatch(new RegExp(`^${agents.length * 8} tasks made \\(.*code ${agents.length}.*math ${agents.length}.*\\); 0 rejected or failed$`));
  });

  it("rejects a task whose rubric names a tool the agent does not have, with the reason on the run", async () => {
    const gateway = createFakeGateway({
      override: (name, value) => {
        if (name !== "task") return value;
        const v = value as { successCriteria: { description: string; weight: number }[] };
        return { ...v, successCriteria: [{ description: "Books it with plan_route first.", weight: 2 }] };
      },
    });
    const maps = await db.tool.findFirstOrThrow({ where: { name: "plan_route" }, include: { agents: true } });
    const agentsWithout = await db.agent.findMany({ where: { tools: { none: { toolId: maps.id } } } });
    expect(agentsWithout.length).toBeGreaterThan(0);
    const run = await synthesize(db, config({ agentIds: agentsWithout.map((a) => a.id), perAgent: 2, codeTasksPerAgent: 0, mathTasksPerAgent: 0 }), gateway);
    expect(run).toMatchObject({ done: 0, failed: agentsWithout.length * 2 });
    expect(await db.task.count({ where: { runId: run.id } })).toBe(0);
    expect(run.errors).toEqual(expect.arrayContaining([expect.objectContaining({ message: "rejected: names tools the agent does not have: plan_route" })]));
  });

  it("repeats itself for the same seed on a fresh catalogue", async () => {
    const [one, two] = await Promise.all([catalogueWithAgents(3), catalogueWithAgents(3)]);
    const a = await synthesize(one, config({ seed: 9 }));
    const b = await synthesize(two, config({ seed: 9 }));
    const want = await describeTasks(one, a.id);
    expect(want).toHaveLength(24);
    expect(await describeTasks(two, b.id)).toEqual(want);
  });

  it("a run stopped midway resumes and makes each task once", async () => {
    const [fresh, other] = await Promise.all([catalogueWithAgents(3), catalogueWithAgents(3)]);
    const cfg = config({ seed: 12, concurrency: 3 });
    const want = await describeTasks(fresh, (await synthesize(fresh, cfg)).id);
    const abort = new AbortController();
    const gateway = createFakeGateway({ latencyMs: 3 });
    const stopping = new Proxy(gateway, {
      get(target, prop, receiver) {
        if (prop === "structured" && target.calls >= 5) abort.abort();
        return Reflect.get(target, prop, receiver);
      },
    });
    const { run, ctx } = await stageContext(other, "synthesize_tasks", cfg, abort.signal);
    await expect(runTaskSynthesis(ctx, cfg, stopping)).rejects.toThrow();
    const partial = await other.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(partial.done).toBeLessThan(24);
    await runTaskSynthesis(createStageContext(other, partial, new AbortController().signal), cfg, createFakeGateway());
    expect(await other.run.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ done: 24, failed: 0 });
    expect(await describeTasks(other, run.id)).toEqual(want);
  });

  it("a slot whose task was written just before a crash is not written twice", async () => {
    const fresh = await catalogueWithAgents(2);
    const cfg = config({ seed: 13 });
    const run = await synthesize(fresh, cfg);
    const before = await fresh.task.count({ where: { runId: run.id } });
    // As if the worker died after inserting these tasks but before marking their items done.
    const lost = await fresh.runItem.findMany({ where: { runId: run.id }, take: 3 });
    await fresh.runItem.updateMany({ where: { id: { in: lost.map((i) => i.id) } }, data: { status: "pending" } });
    await fresh.run.update({ where: { id: run.id }, data: { done: { decrement: 3 } } });
    const row = await fresh.run.findUniqueOrThrow({ where: { id: run.id } });
    await runTaskSynthesis(createStageContext(fresh, row, new AbortController().signal), cfg, createFakeGateway());
    expect(await fresh.task.count({ where: { runId: run.id } })).toBe(before);
    expect(await fresh.run.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ done: run.done, failed: 0 });
  });

  it("says what to run first when there are no agents", async () => {
    const { db: empty } = await createTestDb();
    await expect(synthesize(empty, config())).rejects.toThrow(/Synthesize agents first/);
  });
});
