import { createRng, deriveSeed, pickOne, randInt, sample, sha256, shuffle, type Rng } from "./random";

// Which tools each agent gets, decided up front for every slot of a run from
// a snapshot of the catalogue. Planning is pure and seeded, so a resumed run
// plans exactly the same agents and a rerun with the same seed repeats them.

export type PlanTool = { id: string; name: string; description: string; synthetic: boolean; categoryId: string };
export type PlanCategory = { id: string; name: string; description: string; parentId: string | null; point: number[] | null };
export type Catalogue = { categories: PlanCategory[]; tools: PlanTool[] };

export type PlanSettings = {
  count: number;
  minCoreTools: number;
  maxCoreTools: number;
  maxCategories: number;
  distractorRatio: number;
  syntheticShare: number;
  seed: number;
};

export type AgentPlan = {
  slot: number;
  seed: number;
  categories: { id: string; name: string; description: string }[];
  core: PlanTool[];
  distractors: PlanTool[];
  toolSetHash: string;
};

export type SlotPlan = { slot: number; plan: AgentPlan } | { slot: number; plan: null; reason: string };

/** Sorted ids: two agents with the same tools are one agent whatever the order or roles. */
export function toolSetHash(toolIds: string[]): string {
  return sha256([...toolIds].sort().join(","));
}

const ATTEMPTS = 5;
/** how many nearest categories count as related to an anchor (siblings always do) */
const RELATED = 4;

function distance(a: PlanCategory, b: PlanCategory): number {
  if (!a.point || !b.point || a.point.length !== b.point.length) return Number.POSITIVE_INFINITY;
  let d = 0;
  for (let i = 0; i < a.point.length; i++) d += (a.point[i] - b.point[i]) ** 2;
  return d;
}

/** Other categories from most to least related: siblings first, then by centroid distance. */
export function relatedCategories(anchor: PlanCategory, all: PlanCategory[]): PlanCategory[] {
  const sibling = (c: PlanCategory) => (anchor.parentId !== null && c.parentId === anchor.parentId ? 0 : 1);
  return all
    .filter((c) => c.id !== anchor.id)
    .map((c) => ({ c, s: sibling(c), d: distance(anchor, c) }))
    .sort((x, y) => x.s - y.s || x.d - y.d || x.c.name.localeCompare(y.c.name) || x.c.id.localeCompare(y.c.id))
    .map((x) => x.c);
}

/** Picks n tools, about `share` of them synthetic, never two with the same name. */
function pickTools(rng: Rng, pool: PlanTool[], n: number, share: number, taken: Set<string>): PlanTool[] {
  const free = pool.filter((t) => !taken.has(t.name));
  const synthetic = shuffle(
    rng,
    free.filter((t) => t.synthetic),
  );
  const real = shuffle(
    rng,
    free.filter((t) => !t.synthetic),
  );
  const wantSynthetic = Math.round(n * share);
  const ordered = [...synthetic.slice(0, wantSynthetic), ...real, ...synthetic.slice(wantSynthetic)];
  const picked: PlanTool[] = [];
  for (const tool of ordered) {
    if (picked.length >= n) break;
    if (taken.has(tool.name)) continue;
    taken.add(tool.name);
    picked.push(tool);
  }
  return picked;
}

function planOnce(rng: Rng, slot: number, seed: number, catalogue: Indexed, s: PlanSettings): AgentPlan | null {
  const anchor = pickOne(rng, catalogue.withTools);
  const related = catalogue.related.get(anchor.id)!.filter((c) => catalogue.byCategory.has(c.id));
  const extra = sample(rng, related.slice(0, RELATED), randInt(rng, 1, s.maxCategories) - 1);
  const chosen = [anchor, ...extra];
  const corePool = chosen.flatMap((c) => catalogue.byCategory.get(c.id) ?? []);
  const taken = new Set<string>();
  const core = pickTools(rng, corePool, randInt(rng, s.minCoreTools, s.maxCoreTools), s.syntheticShare, taken);
  if (core.length === 0) return null;

  const near = new Set([anchor.id, ...related.slice(0, RELATED).map((c) => c.id), ...chosen.map((c) => c.id)]);
  let far = catalogue.withTools.filter((c) => !near.has(c.id));
  if (far.length === 0) far = catalogue.withTools.filter((c) => !chosen.includes(c));
  const distractorPool = far.flatMap((c) => catalogue.byCategory.get(c.id) ?? []);
  const distractors = pickTools(rng, distractorPool, Math.round(core.length * s.distractorRatio), s.syntheticShare, taken);

  return {
    slot,
    seed,
    categories: chosen.map((c) => ({ id: c.id, name: c.name, description: c.description })),
    core,
    distractors,
    toolSetHash: toolSetHash([...core, ...distractors].map((t) => t.id)),
  };
}

type Indexed = { withTools: PlanCategory[]; byCategory: Map<string, PlanTool[]>; related: Map<string, PlanCategory[]> };

function index(catalogue: Catalogue): Indexed {
  const byCategory = new Map<string, PlanTool[]>();
  for (const tool of [...catalogue.tools].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))) {
    const list = byCategory.get(tool.categoryId) ?? [];
    list.push(tool);
    byCategory.set(tool.categoryId, list);
  }
  const categories = [...catalogue.categories].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const withTools = categories.filter((c) => byCategory.has(c.id));
  const related = new Map(withTools.map((c) => [c.id, relatedCategories(c, categories)]));
  return { withTools, byCategory, related };
}

/**
 * One plan per slot. A slot whose tool set another agent already has (from
 * `existingHashes` or an earlier slot) draws again, a few times, then is
 * dropped as a duplicate.
 */
export function planAgents(catalogue: Catalogue, settings: PlanSettings, existingHashes: ReadonlySet<string>): SlotPlan[] {
  const indexed = index(catalogue);
  if (indexed.withTools.length === 0)
    throw new Error("The catalogue has no accepted tools in any category: run the catalogue stages (quality, cluster) or synthesize tools first");
  const used = new Set(existingHashes);
  const plans: SlotPlan[] = [];
  for (let slot = 0; slot < settings.count; slot++) {
    let plan: AgentPlan | null = null;
    for (let attempt = 0; attempt < ATTEMPTS && !plan; attempt++) {
      const seed = deriveSeed(settings.seed, "agent", slot, attempt);
      const candidate = planOnce(createRng(seed), slot, seed, indexed, settings);
      if (candidate && !used.has(candidate.toolSetHash)) plan = candidate;
    }
    if (plan) {
      used.add(plan.toolSetHash);
      plans.push({ slot, plan });
    } else {
      plans.push({ slot, plan: null, reason: "same tool set" });
    }
  }
  return plans;
}
