import { describe, expect, it } from "vitest";
import { planAgents, relatedCategories, toolSetHash, type Catalogue, type PlanCategory } from "./agent-plan";

function catalogue(name = (ci: number, j: number) => `tool_${ci}_${j}`): Catalogue {
  const categories: PlanCategory[] = Array.from({ length: 8 }, (_, i) => ({
    id: `c${i}`,
    name: `Category ${i}`,
    description: "",
    parentId: `p${Math.floor(i / 2)}`,
    point: [i * 10, 0],
  }));
  const tools = categories.flatMap((c, ci) =>
    Array.from({ length: 6 }, (_, j) => ({ id: `t${ci}-${j}`, name: name(ci, j), description: "", synthetic: j % 2 === 1, categoryId: c.id })),
  );
  return { categories, tools };
}

const settings = { count: 40, minCoreTools: 3, maxCoreTools: 6, maxCategories: 3, distractorRatio: 0.5, syntheticShare: 0.5, seed: 3 };

describe("agent planning", () => {
  it("puts siblings first, then the nearest categories", () => {
    const all = catalogue().categories;
    expect(
      relatedCategories(all[4], all)
        .map((c) => c.id)
        .slice(0, 3),
    ).toEqual(["c5", "c3", "c2"]);
  });

  it("draws core tools from up to three related categories and distractors from unrelated ones", () => {
    const cat = catalogue();
    const byId = new Map(cat.tools.map((t) => [t.id, t]));
    const plans = planAgents(cat, settings, new Set());
    expect(plans).toHaveLength(40);
    for (const { plan } of plans) {
      if (!plan) continue;
      expect(plan.categories.length).toBeGreaterThanOrEqual(1);
      expect(plan.categories.length).toBeLessThanOrEqual(3);
      expect(plan.core.length).toBeGreaterThanOrEqual(3);
      expect(plan.core.length).toBeLessThanOrEqual(6);
      const chosen = new Set(plan.categories.map((c) => c.id));
      for (const t of plan.core) expect(chosen.has(byId.get(t.id)!.categoryId)).toBe(true);
      for (const t of plan.distractors) expect(chosen.has(byId.get(t.id)!.categoryId)).toBe(false);
      expect(plan.distractors.length).toBe(Math.round(plan.core.length * 0.5));
      const names = [...plan.core, ...plan.distractors].map((t) => t.name);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it("never repeats a tool set, within the run or from before it", () => {
    const cat = catalogue();
    const first = planAgents(cat, settings, new Set());
    const hashes = first.flatMap((p) => (p.plan ? [p.plan.toolSetHash] : []));
    expect(new Set(hashes).size).toBe(hashes.length);
    const again = planAgents(cat, settings, new Set(hashes));
    for (const p of again) if (p.plan) expect(hashes).not.toContain(p.plan.toolSetHash);
  });

  it("plans the same agents for the same seed and others for another seed", () => {
    const a = planAgents(catalogue(), settings, new Set());
    expect(planAgents(catalogue(), settings, new Set())).toEqual(a);
    expect(planAgents(catalogue(), { ...settings, seed: 4 }, new Set())).not.toEqual(a);
  });

  it("honours the synthetic share, falling back to the other kind only when one runs out", () => {
    const count = (share: number) =>
      planAgents(catalogue(), { ...settings, minCoreTools: 2, maxCoreTools: 3, syntheticShare: share, distractorRatio: 0 }, new Set())
        .flatMap((p) => p.plan?.core ?? [])
        .filter((t) => t.synthetic).length;
    expect(count(0)).toBe(0);
    expect(count(1)).toBeGreaterThan(count(0.5));
  });

  it("never gives an agent two tools of the same name", () => {
    for (const { plan } of planAgents(
      catalogue((_ci, j) => `tool_${j % 2}`),
      { ...settings, minCoreTools: 1 },
      new Set(),
    )) {
      const names = [...(plan?.core ?? []), ...(plan?.distractors ?? [])].map((t) => t.name);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it("hashes tool sets independently of order", () => {
    expect(toolSetHash(["b", "a"])).toBe(toolSetHash(["a", "b"]));
  });

  it("says what to do when the catalogue is empty", () => {
    expect(() => planAgents({ categories: [], tools: [] }, settings, new Set())).toThrow(/catalogue/);
  });
});
