import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../../test/db";
import type { Db } from "../../db/client";
import { createStageContext } from "../../jobs/context";
import { agentSynthesisConfig, type AgentSynthesisConfig } from "../config";
import { runAgentSynthesis } from "./agents";
import { readSummary } from "../run-summary";
import { createFakeGateway, type FakeGateway } from "../testing/fake-gateway";
import { seedCatalogue, seedSyntheticTools, stageContext } from "../testing/fixtures";

const config = (over: Partial<AgentSynthesisConfig> = {}) =>
  agentSynthesisConfig.parse({ count: 12, minCoreTools: 2, maxCoreTools: 4, distractorRatio: 0.5, seed: 21, ...over });

async function catalogueWithSyntheticTools(): Promise<Db> {
  const { db } = await createTestDb();
  await seedCatalogue(db);
  await seedSyntheticTools(db);
  return db;
}

async function synthesize(db: Db, cfg: AgentSynthesisConfig, gateway: FakeGateway = createFakeGateway()) {
  const { run, ctx } = await stageContext(db, "synthesize_agents", cfg);
  await runAgentSynthesis(ctx, cfg, gateway);
  return db.run.findUniqueOrThrow({ where: { id: run.id } });
}

async function describeAgents(db: Db, runId: string) {
  const agents = await db.agent.findMany({
    where: { runId },
    include: { tools: { include: { tool: { select: { key: true } } } } },
  });
  return agents
    .map((a) => [a.name, a.domain, a.systemPrompt, ...a.tools.map((t) => `${t.role}:${t.tool.key.replace(/^synthetic\/[^/]+\//, "s/")}`).sort()].join("|"))
    .sort();
}

describe("synthesize agents", () => {
  let db: Db;
  beforeAll(async () => {
    db = await catalogueWithSyntheticTools();
  });

  it("makes agents with a system prompt, core tools from related categories and distractors from others", async () => {
    const run = await synthesize(db, config());
    expect(run).toMatchObject({ total: 12, done: 12, failed: 0 });
    const agents = await db.agent.findMany({ where: { runId: run.id }, include: { tools: { include: { tool: true } } } });
    expect(agents.length).toBeGreaterThan(8);
    expect(run.message).toBe(
      `${agents.length} agents made; ${12 - agents.length} dropped as duplicates (${12 - agents.length} same tool set, 0 near-identical prompt)`,
    );
    for (const agent of agents) {
      expect(agent.systemPrompt).toContain(`You are ${agent.name}.`);
      expect(agent.systemPrompt).toMatch(/Policies:\n- /);
      const core = agent.tools.filter((t) => t.role === "core");
      const distractors = agent.tools.filter((t) => t.role === "distractor");
      expect(core.length).toBeGreaterThanOrEqual(2);
      expect(core.length).toBeLessThanOrEqual(4);
      expect(distractors.length).toBe(Math.round(core.length * 0.5));
      for (const t of agent.tools) expect(t.tool.quality).toBe("accepted");
      const provenance = agent.provenance as { categories: { id: string }[]; model: string; promptVersion: string };
      expect(provenance).toMatchObject({ model: "fake-model", promptVersion: "agents-v1", runSeed: 21 });
      const coreCategories = new Set(provenance.categories.map((c) => c.id));
      expect(coreCategories.size).toBeLessThanOrEqual(3);
      for (const t of core) expect(coreCategories.has(t.tool.categoryId!)).toBe(true);
      for (const t of distractors) expect(coreCategories.has(t.tool.categoryId!)).toBe(false);
      const names = agent.tools.map((t) => t.tool.name);
      expect(new Set(names).size).toBe(names.length);
    }
    expect(new Set(agents.map((a) => a.toolSetHash)).size).toBe(agents.length);
  });

  it("drops agents whose prompt is near-identical to another's, saying which", async () => {
    const gateway = createFakeGateway({
      override: (name, value) =>
        name === "agent_profile"
          ? { name: "Helper", domain: "Operations", description: "Helps with operations.", policies: ["Be careful.", "Be kind."], tone: "calm" }
          : value,
    });
    const run = await synthesize(db, config({ count: 5, seed: 77 }), gateway);
    const made = await db.agent.findMany({ where: { runId: run.id } });
    expect(made).toHaveLength(1);
    const dropped = await readSummary<{ reason: string; of: string; similarity: number }>(db, run.id, "dropped");
    expect(Object.values(dropped)).toHaveLength(4);
    for (const d of Object.values(dropped)) expect(d).toMatchObject({ reason: "near-identical prompt", of: made[0].id, similarity: 1 });
  });

  it("repeats itself for the same seed on a fresh catalogue", async () => {
    const [one, two] = await Promise.all([catalogueWithSyntheticTools(), catalogueWithSyntheticTools()]);
    const a = await synthesize(one, config({ seed: 5 }));
    const b = await synthesize(two, config({ seed: 5 }));
    const want = await describeAgents(one, a.id);
    expect(want.length).toBeGreaterThan(5);
    expect(await describeAgents(two, b.id)).toEqual(want);
  });

  it("a run stopped midway resumes without making an agent twice", async () => {
    const [fresh, other] = await Promise.all([catalogueWithSyntheticTools(), catalogueWithSyntheticTools()]);
    const cfg = config({ seed: 8, concurrency: 3 });
    const want = await describeAgents(fresh, (await synthesize(fresh, cfg)).id);

    const abort = new AbortController();
    const gateway = createFakeGateway({ latencyMs: 3 });
    const stopping = new Proxy(gateway, {
      get(target, prop, receiver) {
        if (prop === "structured" && target.calls >= 6) abort.abort();
        return Reflect.get(target, prop, receiver);
      },
    });
    const { run, ctx } = await stageContext(other, "synthesize_agents", cfg, abort.signal);
    await expect(runAgentSynthesis(ctx, cfg, stopping)).rejects.toThrow();
    const partial = await other.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(partial.done).toBeLessThan(12);
    await runAgentSynthesis(createStageContext(other, partial, new AbortController().signal), cfg, createFakeGateway());
    expect(await other.run.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ done: 12, failed: 0 });
    expect(await describeAgents(other, run.id)).toEqual(want);
  });

  it("a slot whose agent was written just before a crash is not written twice", async () => {
    const fresh = await catalogueWithSyntheticTools();
    const cfg = config({ seed: 14 });
    const run = await synthesize(fresh, cfg);
    const before = await describeAgents(fresh, run.id);
    const lost = await fresh.runItem.findMany({ where: { runId: run.id, resultId: { not: null } }, take: 3 });
    await fresh.runItem.updateMany({ where: { id: { in: lost.map((i) => i.id) } }, data: { status: "pending" } });
    await fresh.run.update({ where: { id: run.id }, data: { done: { decrement: 3 } } });
    const row = await fresh.run.findUniqueOrThrow({ where: { id: run.id } });
    await runAgentSynthesis(createStageContext(fresh, row, new AbortController().signal), cfg, createFakeGateway());
    expect(await describeAgents(fresh, run.id)).toEqual(before);
    expect(await fresh.run.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ done: 12, failed: 0 });
  });

  it("records a failed generator call on its slot and goes on with the others", async () => {
    const gateway = createFakeGateway({ failOn: (name, seed) => name === "agent_profile" && seed % 3 === 0 });
    const run = await synthesize(db, config({ count: 9, seed: 31 }), gateway);
    expect(run.failed).toBeGreaterThan(0);
    expect(run.done + run.failed).toBe(9);
    expect(run.errors).toEqual(expect.arrayContaining([expect.objectContaining({ message: "fake gateway: agent_profile failed" })]));
  });
});
