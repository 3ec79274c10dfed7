import { Ajv } from "ajv";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../../test/db";
import type { Db } from "../../db/client";
import { createFakeGateway, type FakeGateway } from "../testing/fake-gateway";
import { seedCatalogue, stageContext, testChecks } from "../testing/fixtures";
import { toolSynthesisConfig, type ToolSynthesisConfig } from "../config";
import { categoryTargets, runToolSynthesis } from "./tools";
import { readSummary } from "../run-summary";
import type { CategoryStats } from "../tool-category";

const config = (over: Partial<ToolSynthesisConfig> = {}) =>
  toolSynthesisConfig.parse({ perCategory: 6, domainsPerCategory: 2, toolsPerCall: 3, seed: 11, ...over });

async function synthesize(db: Db, cfg: ToolSynthesisConfig, gateway: FakeGateway = createFakeGateway(), signal?: AbortSignal) {
  const { run, ctx } = await stageContext(db, "synthesize_tools", cfg, signal);
  await runToolSynthesis(ctx, cfg, { gateway, checks: testChecks });
  return db.run.findUniqueOrThrow({ where: { id: run.id } });
}

const specOf = (t: { key: string; name: string; description: string; inputSchema: unknown; outputSchema: unknown; quality: string }) =>
  [t.key.replace(/^synthetic\/[^/]+\//, ""), t.name, t.description, JSON.stringify(t.inputSchema), JSON.stringify(t.outputSchema), t.quality].join("|");

/** A catalogue of its own: targets count the synthetic tools already there, so tests must not share one. */
async function freshCatalogue(): Promise<Db> {
  const { db } = await createTestDb();
  await seedCatalogue(db);
  return db;
}

describe("synthesize tools", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await seedCatalogue(t.db);
  });

  it("spreads a global target over the categories without exceeding the per-category one", () => {
    expect(categoryTargets(4, 10, null)).toEqual([10, 10, 10, 10]);
    expect(categoryTargets(4, 10, 7)).toEqual([2, 2, 2, 1]);
    expect(categoryTargets(3, 2, 100)).toEqual([2, 2, 2]);
  });

  it("grows every category to its target with valid, vetted tools and full provenance", async () => {
    const run = await synthesize(t.db, config());
    expect(run).toMatchObject({ total: 6, done: 6, failed: 0 });
    const tools = await t.db.tool.findMany({ where: { runId: run.id } });
    const accepted = tools.filter((x) => x.quality === "accepted");
    expect(accepted).toHaveLength(36);
    const ajv = new Ajv({ strict: true });
    for (const tool of tools) {
      expect(tool.origin).toBe("synthetic");
      expect(tool.key).toBe(`synthetic/${tool.categoryId}/${tool.name}`);
      expect(tool.name).toMatch(/^[a-z0-9_]{1,64}$/);
      expect(() => ajv.compile(tool.inputSchema as object)).not.toThrow();
      expect(() => ajv.compile(tool.outputSchema as object)).not.toThrow();
      expect((tool.errorCases as unknown[]).length).toBeGreaterThan(0);
      expect(tool.embedding.length).toBeGreaterThan(0);
      expect(tool.provenance).toMatchObject({
        category: { id: tool.categoryId },
        runId: run.id,
        model: "fake-model",
        promptVersion: "tools-v1",
        runSeed: 11,
        seed: expect.any(Number),
        seedTools: expect.arrayContaining([expect.objectContaining({ name: expect.any(String) })]),
      });
      expect(await t.db.toolVersion.count({ where: { toolId: tool.id } })).toBe(1);
    }
    const perCategory = await readSummary<CategoryStats>(t.db, run.id, "categories");
    expect(Object.values(perCategory)).toHaveLength(6);
    for (const s of Object.values(perCategory)) {
      expect(s.accepted).toBe(6);
      expect(s.generated).toBe(s.accepted + s.rejected + s.duplicates);
    }
    expect(run.message).toMatch(
      /^36 synthetic tools in 6 categories \(target 36, 0 already there\): \d+% of \d+ candidates accepted, \d+% duplicates, \d+% failed the quality filter/,
    );
  });

  it("drops near-duplicates with a link to the tool they repeat, and tools failing the quality filter with reasons", async () => {
    // Every call returns the same two tools under new names: the copies are near-duplicates of the first.
    let n = 0;
    const gateway = createFakeGateway({
      override: (name, value) => {
        if (name !== "tools") return value;
        const v = value as { tools: { toolName: string; description: string }[] };
        return {
          tools: v.tools.map((tool, i) => ({
            ...tool,
            toolName: `copy_${n++}`,
            description: i % 2 ? "Too short" : "Looks up the balance of a gift card by its number and returns the balance.",
          })),
        };
      },
    });
    const db = await freshCatalogue();
    const [category] = await db.category.findMany({ where: { name: "Weather" } });
    const run = await synthesize(db, config({ categoryIds: [category.id], perCategory: 3 }), gateway);
    const tools = await db.tool.findMany({ where: { runId: run.id }, orderBy: { createdAt: "asc" } });
    const accepted = tools.filter((x) => x.quality === "accepted");
    expect(accepted).toHaveLength(1);
    const duplicates = tools.filter((x) => x.duplicateOfId);
    expect(duplicates.length).toBeGreaterThan(0);
    for (const d of duplicates) {
      expect(d.duplicateOfId).toBe(accepted[0].id);
      expect(d.quality).toBe("rejected");
      expect(d.qualityReasons).toContainEqual(
        expect.objectContaining({ code: "near_duplicate", blocking: true, message: expect.stringMatching(/^near-duplicate of copy_0 \(cosine /) }),
      );
      expect(d.provenance).toMatchObject({ duplicate: { kind: "near", of: accepted[0].key, similarity: expect.any(Number) } });
    }
    const poor = tools.filter((x) => x.quality === "rejected" && !x.duplicateOfId);
    expect(poor.length).toBeGreaterThan(0);
    for (const p of poor) expect(p.qualityReasons).toContainEqual(expect.objectContaining({ message: "description too short" }));
    const stats = Object.values(await readSummary<CategoryStats>(db, run.id, "categories"))[0];
    expect(stats).toMatchObject({ accepted: 1, duplicates: duplicates.length, rejected: poor.length });
    // One domains call, then two domains per wave until three waves in a row accept nothing.
    expect(stats.calls).toBe(1 + 2 * 4);
  });

  it("repeats itself for the same seed on a fresh catalogue, and a rerun on the same one adds nothing", async () => {
    const [one, two] = await Promise.all([freshCatalogue(), freshCatalogue()]);
    const cfg = config({ seed: 99, perCategory: 3 });
    const a = await synthesize(one, cfg);
    const b = await synthesize(two, cfg);
    const specs = async (db: Db, runId: string) => (await db.tool.findMany({ where: { runId } })).map(specOf).sort();
    expect(await specs(one, a.id)).toHaveLength(await one.tool.count({ where: { runId: a.id } }));
    expect(await specs(two, b.id)).toEqual(await specs(one, a.id));

    const before = await one.tool.count();
    const again = await synthesize(one, cfg);
    expect(await one.tool.count()).toBe(before);
    expect(again.message).toMatch(/^0 synthetic tools in 6 categories \(target 18, 18 already there\)/);
    const more = await synthesize(one, { ...cfg, perCategory: 4 });
    expect(await one.tool.count({ where: { runId: more.id, quality: "accepted" } })).toBe(6);
  });

  it("a run stopped midway resumes and ends with what an uninterrupted run makes", async () => {
    const [fresh, other] = await Promise.all([freshCatalogue(), freshCatalogue()]);
    const cfg = config({ seed: 5, perCategory: 4, concurrency: 2 });
    const reference = await synthesize(fresh, cfg);
    const want = (await fresh.tool.findMany({ where: { runId: reference.id } })).map(specOf).sort();

    const abort = new AbortController();
    const gateway = createFakeGateway({ latencyMs: 2 });
    const stopping = new Proxy(gateway, {
      get(target, prop, receiver) {
        if (prop === "structured" && target.calls >= 8) abort.abort();
        return Reflect.get(target, prop, receiver);
      },
    });
    const { run, ctx } = await stageContext(other, "synthesize_tools", cfg, abort.signal);
    await expect(runToolSynthesis(ctx, cfg, { gateway: stopping, checks: testChecks })).rejects.toThrow();
    const partial = await other.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(partial.done).toBeLessThan(6);

    const { createStageContext } = await import("../../jobs/context");
    await runToolSynthesis(createStageContext(other, partial, new AbortController().signal), cfg, { gateway: createFakeGateway(), checks: testChecks });
    const after = await other.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(after).toMatchObject({ done: 6, failed: 0 });
    expect((await other.tool.findMany({ where: { runId: run.id } })).map(specOf).sort()).toEqual(want);
  });

  it("a category redone after a crash keeps the tools it had written and adds none", async () => {
    const db = await freshCatalogue();
    const cfg = config({ seed: 15, perCategory: 3 });
    const run = await synthesize(db, cfg);
    const before = (await db.tool.findMany({ where: { runId: run.id } })).map(specOf).sort();
    await db.runItem.updateMany({ where: { runId: run.id }, data: { status: "pending" } });
    await db.run.update({ where: { id: run.id }, data: { done: 0 } });
    const { createStageContext } = await import("../../jobs/context");
    const row = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    await runToolSynthesis(createStageContext(db, row, new AbortController().signal), cfg, { gateway: createFakeGateway(), checks: testChecks });
    expect((await db.tool.findMany({ where: { runId: run.id } })).map(specOf).sort()).toEqual(before);
    const after = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(after).toMatchObject({ done: 6, failed: 0 });
    expect(after.message).toMatch(/^18 synthetic tools in 6 categories \(target 18, 0 already there\)/);
  });

  it("keeps at most `concurrency` generator calls in flight", async () => {
    const gateway = createFakeGateway({ latencyMs: 5 });
    await synthesize(await freshCatalogue(), config({ seed: 1234, perCategory: 2, concurrency: 3 }), gateway);
    expect(gateway.maxInFlight).toBeLessThanOrEqual(3);
    expect(gateway.maxInFlight).toBeGreaterThan(1);
  });
});
