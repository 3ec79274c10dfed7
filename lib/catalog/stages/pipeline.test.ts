import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../../test/db";
import type { Db, RunKind } from "../../db/client";
import { createStageContext } from "../../jobs/context";
import { createGateway } from "../../llm/gateway";
import { TEST_API_KEY } from "../../llm/testing/harness";
import { startOpenAiTestServer } from "../../llm/testing/openai-server";
import type { CatalogGateway } from "../gateway";
import { countUnembedded } from "../embed";
import { overruleQuality, parseReasons } from "../quality";
import { createSource } from "../sources";
import { runCluster } from "./cluster";
import { clusterStageConfigSchema, embedStageConfigSchema, harvestConfigSchema, qualityStageConfigSchema } from "../config";
import { runEmbed } from "./embed";
import { runHarvest } from "./harvest";
import { runQuality } from "./quality";

// The catalogue end to end on the offline provider: harvest files, filter,
// embed and deduplicate, cluster — and each stage again changes nothing twice.

const FIXTURES = path.resolve(import.meta.dirname, "../../../test/fixtures/tools");
const TOPICS: Record<string, { verbs: string[]; nouns: string[]; words: string }> = {
  weather: {
    verbs: ["get", "forecast", "alert"],
    nouns: ["temperature", "rainfall", "wind", "humidity", "storm"],
    words: "weather forecast for a city with temperature in celsius",
  },
  repo: {
    verbs: ["list", "merge", "review"],
    nouns: ["pull_request", "branch", "commit", "issue", "release"],
    words: "git repository on github with commits branches and pull requests",
  },
  calendar: {
    verbs: ["schedule", "cancel", "move"],
    nouns: ["meeting", "event", "reminder", "invite", "agenda"],
    words: "calendar meeting scheduling with attendees time zones and invitations",
  },
  payments: {
    verbs: ["refund", "charge", "invoice"],
    nouns: ["payment", "card", "subscription", "customer", "payout"],
    words: "payments billing with credit cards invoices refunds and currency",
  },
};

function topicTools() {
  return Object.entries(TOPICS).flatMap(([topic, t]) =>
    t.verbs.flatMap((verb) =>
      t.nouns.map((noun) => ({
        name: `${verb}_${noun}`,
        description: `${verb} the ${noun.replace("_", " ")} — ${t.words}.`,
        parameters: { type: "object", properties: { [`${noun}_id`]: { type: "string", description: `The ${noun} in ${topic}` } }, required: [`${noun}_id`] },
      })),
    ),
  );
}

let db: Db;
let gateway: CatalogGateway;
let dir: string;

async function stage(kind: RunKind) {
  const run = await db.run.create({ data: { kind, status: "running" } });
  return { run, ctx: createStageContext(db, run, new AbortController().signal) };
}

beforeAll(async () => {
  ({ db } = await createTestDb());
  gateway = createGateway({ db, roles: { embedding: { provider: "offline" }, generator: { provider: "offline" }, judge: { provider: "offline" } } });
  dir = await mkdtemp(path.join(os.tmpdir(), "catalog-pipeline-"));
  const tools = topicTools();
  // a second source lists one tool again (exact) and another renamed with a word added (near)
  const copy = [tools[0], { ...tools[20], name: `${tools[20].name}s`, description: `${tools[20].description} Quickly.` }];
  await writeFile(path.join(dir, "topics.json"), JSON.stringify(tools));
  await writeFile(path.join(dir, "copy.jsonl"), copy.map((t) => JSON.stringify(t)).join("\n"));
  await createSource(db, { kind: "file", name: "topics", config: { path: path.join(dir, "topics.json") } });
  await createSource(db, { kind: "file", name: "mirror", config: { path: path.join(dir, "copy.jsonl") } });
  await createSource(db, { kind: "file", name: "messy", config: { path: path.join(FIXTURES, "openai-tools.json") } });
  await createSource(db, { kind: "file", name: "vanished", config: { path: path.join(dir, "nope.json") } });
});

describe("the catalogue pipeline", () => {
  it("harvest: every source is tried, a broken one is recorded and the rest imported", async () => {
    const sourceIds = (await db.toolSource.findMany({ select: { id: true } })).map((s) => s.id);
    const { run, ctx } = await stage("harvest");
    await runHarvest(ctx, harvestConfigSchema.parse({ sourceIds }));
    const after = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(after).toMatchObject({ total: 4, done: 3, failed: 1 });
    expect(after.message).toMatch(/^3 sources harvested, 1 failed: 65 new tools/);
    expect(JSON.stringify(after.errors)).toContain("rejected: no tool name");
    expect((await db.toolSource.findUniqueOrThrow({ where: { name: "vanished" } })).lastError).toMatch(/is gone/);
    expect(await db.tool.count()).toBe(60 + 2 + 3);
  });

  it("quality: judges pending tools with reasons and leaves a person's verdict alone", async () => {
    const { ctx } = await stage("quality");
    await runQuality(ctx, qualityStageConfigSchema.parse({}), gateway);
    expect(await db.tool.count({ where: { quality: "pending" } })).toBe(0);
    const blank = await db.tool.findUniqueOrThrow({ where: { key: "messy/List_str_-tool_with_spaces" } });
    expect(blank.quality).toBe("rejected");
    expect(parseReasons(blank.qualityReasons).map((r) => r.code)).toContain("description_missing");
    expect(await db.tool.findUniqueOrThrow({ where: { key: "topics/get_temperature" } })).toMatchObject({
      quality: "accepted",
      qualityScore: expect.any(Number),
    });

    await overruleQuality(db, blank.id, "accepted", "Ada", "fine for our purposes");
    const again = await stage("quality");
    await runQuality(again.ctx, qualityStageConfigSchema.parse({ scope: "all" }), gateway);
    expect((await db.tool.findUniqueOrThrow({ where: { id: blank.id } })).quality).toBe("accepted");
  });

  it("quality with the judge role blends its grade in", async () => {
    const { ctx } = await stage("quality");
    await runQuality(ctx, qualityStageConfigSchema.parse({ scope: "all", llm: true }), gateway);
    const tool = await db.tool.findUniqueOrThrow({ where: { key: "topics/get_temperature" } });
    expect(parseReasons(tool.qualityReasons).some((r) => r.by === "llm")).toBe(true);
  });

  it("embed: every tool gets a vector, duplicates point at the original and say why", async () => {
    const { run, ctx } = await stage("embed");
    await runEmbed(ctx, embedStageConfigSchema.parse({ batchSize: 16, dedup: { threshold: 0.95 } }), gateway);
    expect(await countUnembedded(db)).toBe(0);
    const exact = await db.tool.findUniqueOrThrow({ where: { key: "mirror/get_temperature" }, include: { duplicateOf: true } });
    expect(exact.duplicateOf?.key).toBe("topics/get_temperature");
    expect(exact.provenance).toMatchObject({ duplicate: { kind: "exact-spec", of: "topics/get_temperature" } });
    const near = await db.tool.findUniqueOrThrow({ where: { key: `mirror/${topicTools()[20].name}s` }, include: { duplicateOf: true } });
    expect(near.duplicateOf?.key).toBe(`topics/${topicTools()[20].name}`);
    expect(near.provenance).toMatchObject({ duplicate: { kind: "near", similarity: expect.any(Number) } });
    expect(await db.tool.count({ where: { duplicateOfId: { not: null } } })).toBe(2);
    expect((await db.run.findUniqueOrThrow({ where: { id: run.id } })).message).toMatch(/duplicates among 65 real tools: 1 exact, 1 near/);
  });

  it("embed again: nothing to embed, duplicates unchanged", async () => {
    const { run, ctx } = await stage("embed");
    await runEmbed(ctx, embedStageConfigSchema.parse({}), gateway);
    expect(await db.run.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ total: 1, done: 1 });
    expect(await db.tool.count({ where: { duplicateOfId: { not: null } } })).toBe(2);
  });

  it("cluster: topics become categories named by their words, every tool on the map", async () => {
    const { run, ctx } = await stage("cluster");
    const config = clusterStageConfigSchema.parse({ kMin: 3, kMax: 8, maxTopLevel: 8 });
    await runCluster(ctx, config, gateway);
    const categories = await db.category.findMany({ include: { tools: { select: { name: true, key: true } } } });
    expect(categories.length).toBeGreaterThanOrEqual(3);
    expect(await db.tool.count({ where: { OR: [{ categoryId: null }, { mapX: null }] } })).toBe(0);
    // tools of one topic mostly share a category
    const weather = await db.tool.findMany({ where: { key: { in: TOPICS.weather.nouns.map((n) => `topics/get_${n}`) } }, select: { categoryId: true } });
    const counts = new Map<string | null, number>();
    for (const w of weather) counts.set(w.categoryId, (counts.get(w.categoryId) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeGreaterThanOrEqual(4);
    const weatherCategory = categories.find((c) => c.id === [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0])!;
    expect(`${weatherCategory.name} ${weatherCategory.description}`.toLowerCase()).toMatch(/weather|temperature|forecast|rainfall|humidity|storm|wind/);
    expect(weatherCategory.centroidX).toEqual(expect.any(Number));

    // resuming the same run writes no second set of categories
    await runCluster(createStageContext(db, run, new AbortController().signal), config, gateway);
    expect(await db.category.count()).toBe(categories.length);
  });

  it("cluster with a model that keeps failing to name a category names it by its words and records why", { timeout: 60_000 }, async () => {
    const server = await startOpenAiTestServer();
    try {
      // every naming request gets prose where a JSON object is due, repairs included
      server.scriptWhen(() => true, ...Array.from({ length: 400 }, () => ({ reply: { content: "I would rather not say." } })));
      const namingGateway = createGateway({
        db,
        roles: {
          embedding: { provider: "offline" },
          judge: { provider: "offline" },
          generator: { provider: "openai", baseUrl: server.url, apiKey: TEST_API_KEY, model: "reluctant" },
        },
        retry: { maxRetries: 0 },
      });
      const { run, ctx } = await stage("cluster");
      await runCluster(ctx, clusterStageConfigSchema.parse({ kMin: 3, kMax: 8, maxTopLevel: 8, naming: "generator" }), namingGateway);
      const categories = await db.category.findMany({ where: { runId: run.id } });
      expect(categories.length).toBeGreaterThanOrEqual(3);
      expect(server.requests.length).toBeGreaterThan(0);
      const after = await db.run.findUniqueOrThrow({ where: { id: run.id } });
      expect(after.failed).toBe(0);
      const errors = after.errors as { key: string; message: string }[];
      expect(errors.filter((e) => e.key === "naming")).toHaveLength(categories.length);
      expect(errors[0].message).toMatch(/named by its distinctive words: .*"category"/);
    } finally {
      await server.close();
    }
  });

  it("cluster again in a new run replaces the old categories", async () => {
    const before = await db.category.findMany({ select: { id: true } });
    const { run, ctx } = await stage("cluster");
    await runCluster(ctx, clusterStageConfigSchema.parse({ kMin: 3, kMax: 8, maxTopLevel: 2 }), gateway);
    const after = await db.category.findMany();
    expect(after.every((c) => c.runId === run.id)).toBe(true);
    expect(after.some((c) => before.some((b) => b.id === c.id))).toBe(false);
    const domains = after.filter((c) => c.parentId === null);
    expect(domains.length).toBeLessThanOrEqual(2);
    expect(after.filter((c) => c.parentId !== null).length).toBeGreaterThan(2);
  });
});
