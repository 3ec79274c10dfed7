import { randomUUID } from "node:crypto";
import { readProvenance } from "../../catalog/provenance";
import type { Db } from "../../db/client";
import type { AgentSynthesisConfig } from "../config";
import { uniqueAgentName } from "../agent-names";
import { defineStage, type StageContext } from "../../jobs/types";
import { callsInFlight, createTurnstile, forEachConcurrent, itemsInFlight, stageLimits, type createLimiter } from "../../jobs/concurrency";
import { AGENT_PROMPT_VERSION, agentProfilePrompt, agentProfileSchema, composeSystemPrompt, promptContent } from "../agent-profile";
import { planAgents, type AgentPlan, type Catalogue, type SlotPlan } from "../agent-plan";
import type { SynthesisGateway } from "../gateway";
import { batchModeOf, synthesisGateway } from "../gateway-factory";
import { PromptIndex, shingles } from "../prompt-similarity";
import { readSummary, setSummaryEntry } from "../run-summary";
import { doneItemKeys } from "../run-items";

type Dropped = { reason: string; of?: string; similarity?: number };

/** Accepted, non-duplicate tools by category, with each category's position for "related". */
export async function loadCatalogue(db: Db): Promise<Catalogue> {
  const [categories, tools] = await Promise.all([
    db.category.findMany({ select: { id: true, name: true, description: true, parentId: true, centroidX: true, centroidY: true } }),
    db.tool.findMany({
      where: { quality: "accepted", duplicateOfId: null, categoryId: { not: null } },
      select: { id: true, name: true, description: true, origin: true, categoryId: true },
    }),
  ]);
  const mapped = categories.every((c) => c.centroidX !== null && c.centroidY !== null);
  const centroids = mapped ? null : await embeddingCentroids(db);
  return {
    categories: categories.map((c) => ({
      id: c.id,
      name: c.name,
      description: c.description,
      parentId: c.parentId,
      point: mapped ? [c.centroidX!, c.centroidY!] : (centroids?.get(c.id) ?? null),
    })),
    tools: tools.map((t) => ({ id: t.id, name: t.name, description: t.description, synthetic: t.origin === "synthetic", categoryId: t.categoryId! })),
  };
}

/** Unit-length mean embedding per category, for catalogues that were clustered but not mapped. */
async function embeddingCentroids(db: Db): Promise<Map<string, number[]>> {
  const tools = await db.tool.findMany({
    where: { quality: "accepted", categoryId: { not: null } },
    select: { categoryId: true, embedding: true },
  });
  const sums = new Map<string, number[]>();
  for (const t of tools) {
    if (t.embedding.length === 0) continue;
    const sum = sums.get(t.categoryId!) ?? new Array<number>(t.embedding.length).fill(0);
    if (sum.length !== t.embedding.length) continue;
    t.embedding.forEach((x, i) => (sum[i] += x));
    sums.set(t.categoryId!, sum);
  }
  for (const [id, sum] of sums) {
    const norm = Math.hypot(...sum) || 1;
    sums.set(
      id,
      sum.map((x) => x / norm),
    );
  }
  return sums;
}

async function generateProfile(
  gateway: SynthesisGateway,
  plan: AgentPlan,
  ctx: StageContext,
  config: AgentSynthesisConfig,
  limit: ReturnType<typeof createLimiter>,
) {
  const result = await limit(() =>
    gateway.structured(
      "generator",
      { messages: agentProfilePrompt(plan), schema: agentProfileSchema, name: "agent_profile" },
      { runId: ctx.run.id, seed: plan.seed, signal: ctx.signal, cache: config.cache },
    ),
  );
  return { profile: result.value, model: result.model, provider: result.provider };
}

type Generated = Awaited<ReturnType<typeof generateProfile>>;

/** A prompt already made: by an earlier run (slot null) or by this run's slot. */
type KnownPrompt = { id: string; slot: number | null };

async function writeAgent(
  ctx: StageContext,
  config: AgentSynthesisConfig,
  plan: AgentPlan,
  generated: Generated,
  id: string,
  systemPrompt: string,
): Promise<string | undefined> {
  const toolIds = [...plan.core, ...plan.distractors].map((t) => t.id);
  const stillAccepted = await ctx.db.tool.count({ where: { id: { in: toolIds }, quality: "accepted" } });
  if (stillAccepted !== toolIds.length) throw new Error("some of the planned tools are no longer in the catalogue or no longer accepted");
  const generatedName = generated.profile.name.trim();
  const domain = generated.profile.domain.trim();
  try {
    // one writer at a time picks a name, so two agents made at once cannot take the same one
    await ctx.db.$transaction(async (tx) => {
      await tx.$executeRaw`select pg_advisory_xact_lock(hashtext('studio:agent-names'))`;
      const holders = await tx.agent.findMany({ where: { name: { startsWith: generatedName, mode: "insensitive" } }, select: { name: true } });
      const name = uniqueAgentName(generatedName, domain, new Set(holders.map((h) => h.name.toLowerCase())));
      await tx.agent.create({
        data: {
          id,
          name,
          domain,
          systemPrompt,
          toolSetHash: plan.toolSetHash,
          runId: ctx.run.id,
          provenance: {
            runId: ctx.run.id,
            slot: plan.slot,
            seed: plan.seed,
            runSeed: config.seed,
            model: generated.model,
            provider: generated.provider,
            promptVersion: AGENT_PROMPT_VERSION,
            categories: plan.categories.map((c) => ({ id: c.id, name: c.name })),
            profile: generated.profile,
            ...(name !== generatedName ? { renamed: `another agent holds "${generatedName}"` } : {}),
            settings: { distractorRatio: config.distractorRatio, syntheticShare: config.syntheticShare },
          },
          tools: {
            create: [
              ...plan.core.map((t) => ({ toolId: t.id, role: "core" as const })),
              ...plan.distractors.map((t) => ({ toolId: t.id, role: "distractor" as const })),
            ],
          },
        },
        select: { id: true },
      });
    });
    return id;
  } catch (e) {
    // Another run took this tool set since we planned.
    if ((e as { code?: string }).code !== "P2002") throw e;
    const holder = await ctx.db.agent.findUniqueOrThrow({ where: { toolSetHash: plan.toolSetHash }, select: { id: true } });
    await setSummaryEntry(ctx.db, ctx.run.id, "dropped", String(plan.slot), { reason: "same tool set", of: holder.id } satisfies Dropped);
  }
}

export function describeAgentRun(made: number, dropped: Dropped[]): string {
  const count = (reason: string) => dropped.filter((d) => d.reason === reason).length;
  return (
    `${made} agents made; ${dropped.length} dropped as duplicates ` +
    `(${count("same tool set")} same tool set, ${count("near-identical prompt")} near-identical prompt)`
  );
}

/**
 * Profiles are generated and agents written concurrently; only the
 * near-identical-prompt decision goes one slot at a time, in slot order, so
 * which of two twins survives never depends on which call finished first.
 */
export async function runAgentSynthesis(ctx: StageContext, config: AgentSynthesisConfig, gateway: SynthesisGateway): Promise<void> {
  const db = ctx.db;
  const catalogue = await loadCatalogue(db);
  const existing = await db.agent.findMany({
    select: { id: true, runId: true, toolSetHash: true, systemPrompt: true, provenance: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const mine = existing.filter((a) => a.runId === ctx.run.id);
  const plans = planAgents(catalogue, config, new Set(existing.filter((a) => a.runId !== ctx.run.id).map((a) => a.toolSetHash)));
  await ctx.setTotal(plans.length);

  const prompts = new PromptIndex<KnownPrompt>(config.promptSimilarity);
  for (const a of existing) {
    const slot = a.runId === ctx.run.id ? Number(readProvenance(a.provenance).slot) : null;
    prompts.add({ id: a.id, slot: Number.isInteger(slot) ? slot : null }, shingles(promptContent(a.systemPrompt)));
  }
  const made = new Map(mine.map((a) => [a.toolSetHash, a.id]));
  const done = await doneItemKeys(db, ctx.run.id);
  const key = (p: SlotPlan) => `agent:${p.slot}`;
  const pending = plans.filter((p) => !done.has(key(p)));
  const turnstile = createTurnstile(pending.length);
  const { call: limit, work } = stageLimits(config);
  const drop = (slot: number, d: Dropped) => setSummaryEntry(db, ctx.run.id, "dropped", String(slot), d);

  await forEachConcurrent(
    pending,
    itemsInFlight(callsInFlight(config)),
    async (p, i) => {
      try {
        await work.run(() =>
          ctx.item(key(p), async () => {
            if (!p.plan) return void (await drop(p.slot, { reason: p.reason }));
            const plan = p.plan;
            const already = made.get(plan.toolSetHash);
            if (already) return already; // written before a crash
            const generated = await generateProfile(gateway, plan, ctx, config, limit);
            const systemPrompt = composeSystemPrompt(generated.profile);
            const prompt = shingles(promptContent(systemPrompt));
            await work.idle(() => turnstile.wait(i));
            // Only prompts of earlier slots (or runs) count, as when the run went uninterrupted.
            const twin = prompts.find(prompt, (k) => k.slot === null || k.slot < plan.slot);
            const id = randomUUID();
            if (!twin) prompts.add({ id, slot: plan.slot }, prompt);
            turnstile.pass(i);
            if (twin) return void (await drop(plan.slot, { reason: "near-identical prompt", of: twin.key.id, similarity: Number(twin.similarity.toFixed(3)) }));
            return writeAgent(ctx, config, plan, generated, id, systemPrompt);
          }),
        );
      } finally {
        turnstile.pass(i);
      }
    },
    ctx.signal,
  );
  const count = await db.agent.count({ where: { runId: ctx.run.id } });
  await ctx.log(describeAgentRun(count, Object.values(await readSummary<Dropped>(db, ctx.run.id, "dropped"))));
}

export const synthesizeAgentsStage = defineStage({
  kind: "synthesize_agents",
  async run(ctx, config) {
    await runAgentSynthesis(ctx, config, synthesisGateway(ctx.db, batchModeOf(config, ctx.run.id)));
  },
});
