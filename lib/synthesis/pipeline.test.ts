import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../test/db";
import type { Db } from "../db/client";
import { executeRun } from "../jobs/worker";
import { stages } from "../pipeline";
import { rubricSchema, verifierSchema } from "./task-schemas";
import { seedCatalogue } from "./testing/fixtures";

// The three stages end to end as the worker runs them from the registry: the
// real gateway on its offline provider, the catalogue's quality rules.

async function pipeline(db: Db, seed: number) {
  const toolsRun = await db.run.create({ data: { kind: "synthesize_tools", config: { perCategory: 5, seed } } });
  await executeRun(db, toolsRun.id, { stages });
  const agentsRun = await db.run.create({ data: { kind: "synthesize_agents", config: { count: 6, seed } } });
  await executeRun(db, agentsRun.id, { stages });
  const tasksRun = await db.run.create({ data: { kind: "synthesize_tasks", config: { perAgent: 6, codeTasksPerAgent: 1, mathTasksPerAgent: 1, seed } } });
  await executeRun(db, tasksRun.id, { stages });
  return Promise.all([toolsRun, agentsRun, tasksRun].map((r) => db.run.findUniqueOrThrow({ where: { id: r.id } })));
}

async function snapshot(db: Db) {
  const tools = await db.tool.findMany({
    where: { origin: "synthetic" },
    select: { name: true, description: true, inputSchema: true, outputSchema: true, errorCases: true, quality: true },
  });
  const agents = await db.agent.findMany({ select: { name: true, systemPrompt: true, tools: { select: { role: true, tool: { select: { name: true } } } } } });
  const tasks = await db.task.findMany({
    select: { goal: true, instruction: true, persona: true, rubric: true, verifier: true, difficulty: true, requiredTools: true },
  });
  const sorted = (rows: unknown[]) =>
    rows
      .map((r) => JSON.stringify(r, (_k, v) => (Array.isArray(v) && v.every((x) => typeof x === "object") ? v.map((x) => JSON.stringify(x)).sort() : v)))
      .sort();
  return { tools: sorted(tools), agents: sorted(agents), tasks: sorted(tasks) };
}

describe("synthesis on the offline provider", () => {
  let db: Db;
  let runs: Awaited<ReturnType<typeof pipeline>>;
  beforeAll(async () => {
    db = (await createTestDb()).db;
    await seedCatalogue(db);
    runs = await pipeline(db, 42);
  });

  it("makes tools, agents and tasks from a catalogue, every run succeeding with nothing failed", () => {
    for (const run of runs) expect(run).toMatchObject({ status: "succeeded", failed: 0 });
    expect(runs[0].message).toMatch(/^30 synthetic tools in 6 categories/);
    expect(runs[1].message).toMatch(/^6 agents made/);
    // 48 slots; one task is discarded because its blueprint misses its own end state (the offline simulator's seeded fault)
    expect(runs[2].message).toMatch(/^47 tasks made/);
  });

  it("vets synthetic tools with the catalogue's rules", async () => {
    const tools = await db.tool.findMany({ where: { origin: "synthetic" } });
    expect(tools.filter((t) => t.quality === "accepted")).toHaveLength(30);
    for (const t of tools) expect(t.qualityReasons).toEqual(expect.any(Array));
    for (const t of tools.filter((x) => x.quality === "rejected")) expect(t.qualityReasons).not.toEqual([]);
  });

  it("records every generator call against its run, with the offline provider in the provenance", async () => {
    for (const run of runs) expect(await db.llmCall.count({ where: { runId: run.id, role: "generator" } })).toBeGreaterThan(0);
    const agent = await db.agent.findFirstOrThrow();
    expect(agent.provenance).toMatchObject({ provider: "offline" });
    const tool = await db.tool.findFirstOrThrow({ where: { origin: "synthetic" } });
    expect(tool.provenance).toMatchObject({ provider: "offline", promptVersion: "tools-v1" });
  });

  it("everything it writes fits its schema", async () => {
    for (const task of await db.task.findMany()) {
      expect(rubricSchema.safeParse(task.rubric).success).toBe(true);
      if (task.verifier !== null) expect(verifierSchema.safeParse(task.verifier).success).toBe(true);
    }
  });

  it("gives the same tools, agents and tasks for the same seed on a fresh catalogue", async () => {
    const other = (await createTestDb()).db;
    await seedCatalogue(other);
    await pipeline(other, 42);
    const [a, b] = await Promise.all([snapshot(db), snapshot(other)]);
    expect(b).toEqual(a);
    expect(a.tasks).toHaveLength(47);
  });
});
