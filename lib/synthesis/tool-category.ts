import { placeAmong, type Placed } from "../catalog/space/place";
import type { Db, Prisma } from "../db/client";
import type { SynthesisGateway } from "./gateway";
import { deriveSeed, createRng, sample } from "./random";
import { domainsPrompt, toolsPrompt, TOOL_PROMPT_VERSION, type SeedTool } from "./tool-prompts";
import { catalogSpec, domainListSchema, toolBatchSchema, toSpec, type Domain, type SynthesizedSpec } from "./tool-spec";
import { vetTool, type PoolTool, type ToolChecks } from "./vetting";

export type ToolSynthesisSettings = {
  domainsPerCategory: number;
  toolsPerCall: number;
  seedTools: number;
  duplicateThreshold: number;
  seed: number;
  cache: boolean;
};

export type CategoryStats = {
  name: string;
  /** accepted synthetic tools the category should hold */
  target: number;
  /** accepted synthetic tools it held from earlier runs */
  existing: number;
  calls: number;
  generated: number;
  accepted: number;
  rejected: number;
  duplicates: number;
};

export type CategoryJob = {
  db: Db;
  gateway: SynthesisGateway;
  checks: ToolChecks;
  runId: string;
  signal: AbortSignal;
  /** bounds the generator calls in flight across the whole stage */
  limit: <R>(fn: () => Promise<R>) => Promise<R>;
  settings: ToolSynthesisSettings;
};

type Category = { id: string; name: string; description: string };

const STALL_WAVES = 3;
/** generator calls in flight per category and wave; a wider wave fills a big target sooner */
const MAX_WAVE_CALLS = 12;

export function syntheticToolKey(categoryId: string, name: string): string {
  return `synthetic/${categoryId}/${name}`;
}

async function categoryScope(db: Db, category: Category): Promise<string[]> {
  const children = await db.category.findMany({ where: { parentId: category.id }, select: { id: true } });
  return [category.id, ...children.map((c) => c.id)];
}

async function loadSeeds(job: CategoryJob, scope: string[], category: Category) {
  const tools = await job.db.tool.findMany({
    where: { categoryId: { in: scope }, quality: "accepted", duplicateOfId: null },
    orderBy: [{ origin: "asc" }, { key: "asc" }],
    select: { id: true, name: true, description: true, origin: true },
  });
  const real = tools.filter((t) => t.origin === "real");
  const rng = createRng(deriveSeed(job.settings.seed, "seed-tools", category.name));
  return sample(rng, real.length ? real : tools, job.settings.seedTools);
}

/**
 * Every tool already in the category, except what this run made: a retried
 * category rebuilds that part itself, so it decides exactly as the first time.
 * Rejected tools hold their names but are no model to compare against.
 */
async function loadPool(job: CategoryJob, scope: string[]): Promise<{ pool: PoolTool[]; placed: Placed[]; taken: Set<string>; synthetic: number }> {
  const tools = await job.db.tool.findMany({
    where: { categoryId: { in: scope }, OR: [{ runId: null }, { runId: { not: job.runId } }] },
    orderBy: { key: "asc" },
    select: { id: true, key: true, name: true, description: true, embedding: true, quality: true, mapX: true, mapY: true },
  });
  const placed = tools.flatMap((t) => (t.mapX !== null && t.mapY !== null && t.embedding.length ? [{ embedding: t.embedding, x: t.mapX, y: t.mapY }] : []));
  const live = tools.filter((t) => t.quality !== "rejected");
  const synthetic = await job.db.tool.count({
    where: { categoryId: { in: scope }, origin: "synthetic", quality: "accepted", OR: [{ runId: null }, { runId: { not: job.runId } }] },
  });
  const missing = live.filter((t) => t.embedding.length === 0);
  if (missing.length) {
    const vectors = await job.gateway.embed(
      missing.map((t) => job.checks.embeddingText(t)),
      { runId: job.runId, signal: job.signal },
    );
    missing.forEach((t, i) => (t.embedding = vectors[i]));
  }
  return {
    pool: live.map((t) => ({ id: t.id, key: t.key, name: t.name, embedding: t.embedding })),
    placed,
    taken: new Set(tools.map((t) => t.name)),
    synthetic,
  };
}

async function generateDomains(job: CategoryJob, category: Category, seeds: SeedTool[]) {
  const seed = deriveSeed(job.settings.seed, "domains", category.name);
  const result = await job.limit(() =>
    job.gateway.structured(
      "generator",
      { messages: domainsPrompt(category, seeds, job.settings.domainsPerCategory), schema: domainListSchema, name: "application_domains" },
      { runId: job.runId, seed, signal: job.signal, cache: job.settings.cache },
    ),
  );
  const seen = new Set<string>();
  const domains = result.value.domains.filter((d) => {
    const k = d.name.trim().toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return domains.slice(0, job.settings.domainsPerCategory);
}

type Candidate = { spec: SynthesizedSpec; domain: Domain; callSeed: number; model: string; provider: string };

/**
 * Grows one category until it holds `target` accepted synthetic tools, so a
 * repeated run adds nothing and a larger target adds the difference. Work
 * goes in waves: generator calls in parallel, spread over the domains, each
 * told the names taken before the wave; then the candidates are vetted one by
 * one in call order, so the outcome is the same however the calls finish.
 */
export async function synthesizeCategory(job: CategoryJob, category: Category, target: number): Promise<CategoryStats> {
  const { settings } = job;
  const scope = await categoryScope(job.db, category);
  const { pool, placed, taken, synthetic } = await loadPool(job, scope);
  const stats: CategoryStats = { name: category.name, target, existing: synthetic, calls: 0, generated: 0, accepted: 0, rejected: 0, duplicates: 0 };
  const wanted = Math.max(0, target - synthetic);
  if (wanted === 0) return stats;
  const seeds = await loadSeeds(job, scope, category);
  const domains = await generateDomains(job, category, seeds);
  stats.calls++;
  // Stop early when the generator keeps repeating itself rather than call forever.
  const maxCalls = domains.length + Math.max(wanted * 4, Math.ceil(wanted / settings.toolsPerCall) * 6);
  let barrenWaves = 0;

  for (let wave = 0; stats.accepted < wanted && stats.calls < maxCalls && barrenWaves < STALL_WAVES; wave++) {
    if (job.signal.aborted) break;
    const remaining = wanted - stats.accepted;
    const width = Math.min(MAX_WAVE_CALLS, Math.max(domains.length, Math.ceil(remaining / settings.toolsPerCall)));
    const perCall = Math.max(1, Math.min(settings.toolsPerCall, Math.ceil(remaining / width)));
    const excluded = [...taken];
    const batches = await Promise.all(
      Array.from({ length: width }, async (_, j): Promise<Candidate[]> => {
        const domain = domains[j % domains.length];
        const callSeed = deriveSeed(settings.seed, "tools", category.name, wave, j);
        const result = await job.limit(() =>
          job.gateway.structured(
            "generator",
            { messages: toolsPrompt(category, domain, seeds, excluded, perCall), schema: toolBatchSchema, name: "tools" },
            { runId: job.runId, seed: callSeed, signal: job.signal, cache: settings.cache },
          ),
        );
        return result.value.tools.map((t) => ({ spec: toSpec(t), domain, callSeed, model: result.model, provider: result.provider }));
      }),
    );
    stats.calls += width;
    const candidates = batches.flat();
    const embeddings = await job.gateway.embed(
      candidates.map((c) => job.checks.embeddingText(c.spec)),
      { runId: job.runId, signal: job.signal },
    );
    const acceptedBefore = stats.accepted;
    for (const [i, candidate] of candidates.entries()) {
      if (stats.accepted >= wanted) break;
      stats.generated++;
      // A synthetic tool is known by category and name, so a repeated name is
      // a duplicate of the tool holding it and is not stored a second time.
      const outcome = taken.has(candidate.spec.name) ? "duplicate" : await keepCandidate(job, category, seeds, candidate, embeddings[i], pool, placed);
      if (outcome === "accepted") stats.accepted++;
      else if (outcome === "duplicate") stats.duplicates++;
      else stats.rejected++;
      taken.add(candidate.spec.name);
    }
    barrenWaves = stats.accepted > acceptedBefore ? 0 : barrenWaves + 1;
  }
  return stats;
}

async function keepCandidate(
  job: CategoryJob,
  category: Category,
  seeds: { id: string; name: string }[],
  candidate: Candidate,
  embedding: number[],
  pool: PoolTool[],
  placed: readonly Placed[],
): Promise<"accepted" | "rejected" | "duplicate"> {
  const { spec } = candidate;
  const vetting = vetTool(job.checks, spec, embedding, pool, job.settings.duplicateThreshold);
  const key = syntheticToolKey(category.id, spec.name);
  const provenance: Prisma.InputJsonObject = {
    category: { id: category.id, name: category.name },
    domain: candidate.domain.name,
    seedTools: seeds.map((s) => ({ id: s.id, name: s.name })),
    runId: job.runId,
    model: candidate.model,
    provider: candidate.provider,
    promptVersion: TOOL_PROMPT_VERSION,
    seed: candidate.callSeed,
    runSeed: job.settings.seed,
    ...(vetting.duplicateOf ? { duplicate: { kind: "near", of: vetting.duplicateOf.key, similarity: vetting.duplicateOf.similarity } } : {}),
  };
  const data: Prisma.ToolUncheckedCreateInput = {
    origin: "synthetic",
    key,
    name: spec.name,
    description: spec.description,
    inputSchema: spec.inputSchema as Prisma.InputJsonValue,
    outputSchema: spec.outputSchema as Prisma.InputJsonValue,
    errorCases: spec.errorCases,
    specHash: job.checks.specHash(spec),
    quality: vetting.accepted ? "accepted" : "rejected",
    qualityScore: vetting.score,
    qualityReasons: vetting.reasons as Prisma.InputJsonValue,
    duplicateOfId: vetting.duplicateOf?.id ?? null,
    embedding,
    categoryId: category.id,
    // on the category map beside its most similar tools, as clustering would have placed it
    ...withMapPosition(placeAmong(embedding, placed)),
    provenance,
    runId: job.runId,
  };
  const stored = await insertOnce(job, data, catalogSpec(spec) as Prisma.InputJsonValue);
  if (!stored) return "duplicate";
  if (vetting.accepted) {
    pool.push({ id: stored, key, name: spec.name, embedding });
    return "accepted";
  }
  return vetting.duplicateOf ? "duplicate" : "rejected";
}

function withMapPosition(at: { x: number; y: number } | null): { mapX?: number; mapY?: number } {
  return at ? { mapX: at.x, mapY: at.y } : {};
}

/** Creates the tool, or finds the one this run made before a retry; null when another run holds the key. */
async function insertOnce(job: CategoryJob, data: Prisma.ToolUncheckedCreateInput, spec: Prisma.InputJsonValue): Promise<string | null> {
  const existing = await job.db.tool.findUnique({ where: { key: data.key }, select: { id: true, runId: true } });
  if (existing) return existing.runId === job.runId ? existing.id : null;
  const tool = await job.db.tool.create({ data: { ...data, versions: { create: { specHash: data.specHash, spec } } }, select: { id: true } });
  return tool.id;
}
