import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../test/db";
import type { Db } from "../db/client";
import { agentSynthesisConfig, taskSynthesisConfig } from "./config";
import { runAgentSynthesis } from "./stages/agents";
import { agentFilterSchema, getAgent, getTask, listAgents, listTasks, taskFilterSchema } from "./queries";
import { runTaskSynthesis } from "./stages/tasks";
import { createFakeGateway } from "./testing/fake-gateway";
import { seedCatalogue, seedSyntheticTools, stageContext } from "./testing/fixtures";

describe("what the Agents and Tasks pages read", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
    await seedCatalogue(db);
    await seedSyntheticTools(db);
    const agents = agentSynthesisConfig.parse({ count: 4, minCoreTools: 2, maxCoreTools: 3, distractorRatio: 0.5 });
    await runAgentSynthesis((await stageContext(db, "synthesize_agents", agents)).ctx, agents, createFakeGateway());
    const tasks = taskSynthesisConfig.parse({ perAgent: 6, mathTasksPerAgent: 1 });
    await runTaskSynthesis((await stageContext(db, "synthesize_tasks", tasks)).ctx, tasks, createFakeGateway());
  });

  it("lists agents with their core, distractor and task counts, and searches them", async () => {
    const { rows, total } = await listAgents(db, agentFilterSchema.parse({}));
    expect(total).toBe(4);
    for (const a of rows) {
      expect(a.core).toBeGreaterThanOrEqual(2);
      expect(a.distractors).toBe(Math.round(a.core * 0.5));
      expect(a.tasks).toBe(7);
      expect(a.provider).toBe("fake");
    }
    const one = rows[0];
    expect((await listAgents(db, agentFilterSchema.parse({ q: one.name.slice(0, 12).toUpperCase() }))).rows.map((r) => r.id)).toContain(one.id);
    expect((await listAgents(db, agentFilterSchema.parse({ q: "no agent is called this" }))).total).toBe(0);
  });

  it("shows an agent with core tools before distractors, its tasks and trajectory counts", async () => {
    const [first] = (await listAgents(db, agentFilterSchema.parse({}))).rows;
    const agent = (await getAgent(db, first.id))!;
    const roles = agent.tools.map((t) => t.role);
    expect(roles).toEqual([...roles].sort());
    expect(agent.tasks).toHaveLength(7);
    expect(agent.trajectoryStats).toEqual({ total: 0, accepted: 0, rejected: 0 });
    expect(await getAgent(db, "missing")).toBeNull();
  });

  it("filters tasks by agent, difficulty and environment, and ignores filters it cannot read", async () => {
    const [agent] = (await listAgents(db, agentFilterSchema.parse({}))).rows;
    expect((await listTasks(db, taskFilterSchema.parse({ agentId: agent.id }))).total).toBe(7);
    const refusals = await listTasks(db, taskFilterSchema.parse({ difficulty: "refusal" }));
    expect(refusals.total).toBe(4);
    expect(refusals.rows.every((r) => r.difficulty === "refusal")).toBe(true);
    expect((await listTasks(db, taskFilterSchema.parse({ environment: "math" }))).total).toBe(4);
    expect((await listTasks(db, taskFilterSchema.parse({ difficulty: "nonsense", page: "-3" }))).total).toBe(28);
  });

  it("reads a task's persona, rubric and verifier through their schemas", async () => {
    const [math] = (await listTasks(db, taskFilterSchema.parse({ environment: "math" }))).rows;
    const task = (await getTask(db, math.id))!;
    expect(task.verifier).toMatchObject({ kind: "math", answer: expect.any(String) });
    expect(task.persona).toBeNull();
    const [clarification] = (await listTasks(db, taskFilterSchema.parse({ difficulty: "clarification" }))).rows;
    const detail = (await getTask(db, clarification.id))!;
    expect(detail.persona?.revealsGradually.length).toBeGreaterThan(0);
    expect(detail.rubric.some((c) => c.kind === "tool_use")).toBe(true);
    expect(detail.trajectories).toBe(0);
  });
});
