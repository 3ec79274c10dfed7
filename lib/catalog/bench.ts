import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb, type Db, type RunKind } from "../db/client";
import { migrate } from "../db/migrate";
import { databaseUrl } from "../env";
import { createStageContext } from "../jobs/context";
import type { StageContext } from "../jobs/types";
import { createGateway } from "../llm/gateway";
import { offlineEmbedding } from "../llm/offline";
import { benchToolLines } from "./bench-data";
import { embeddingText } from "./embed-text";
import { importText } from "./import";
import { clusterConfigSchema, clusterVectors } from "./space/cluster";
import { runCluster } from "./stages/cluster";
import { clusterStageConfigSchema, embedStageConfigSchema, qualityStageConfigSchema } from "./config";
import { runEmbed } from "./stages/embed";
import { runQuality } from "./stages/quality";
import { upsertTools } from "./upsert";

export type BenchFigure = { name: string; value: number; unit: string; target?: string; peer?: string };

export type CatalogBenchOptions = {
  /** tools through the whole catalogue step (20,000 in `npm run bench`) */
  tools?: number;
  /** tools clustered in memory against scikit-learn (3,000) */
  small?: number;
  /** the PostgreSQL to make the bench's schema in (the studio's) */
  url?: string;
};

function peakMemory() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage().rss);
  };
}

async function seconds(work: () => Promise<unknown> | unknown): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

async function stage(db: Db, kind: RunKind, work: (ctx: StageContext) => Promise<void>): Promise<number> {
  const run = await db.run.create({ data: { kind, status: "running" } });
  return seconds(() => work(createStageContext(db, run, new AbortController().signal)));
}

/** The same PCA + k-means in scikit-learn on the same vectors, when Debian's python3-sklearn is installed. */
function sklearnSeconds(vectors: number[][], k: number, dims: number): number | null {
  // Debian's package lives under the system Python, which a pyenv or venv on PATH may hide
  const python = ["/usr/bin/python3", "python3"].find((bin) => {
    try {
      execFileSync(bin, ["-c", "import sklearn"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  });
  if (!python) return null;
  const dir = mkdtempSync(path.join(os.tmpdir(), "catalog-bench-"));
  try {
    const file = path.join(dir, "vectors.json");
    writeFileSync(file, JSON.stringify(vectors));
    const script = `
import json, sys, time
import numpy as np
from sklearn.decomposition import PCA
from sklearn.cluster import KMeans
x = np.array(json.load(open(sys.argv[1])))
t = time.perf_counter()
z = PCA(n_components=${dims}, random_state=0).fit_transform(x)
KMeans(n_clusters=${k}, n_init=1, random_state=0).fit(z)
print(time.perf_counter() - t)`;
    return Number(execFileSync(python, ["-c", script, file], { encoding: "utf8" }).trim());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Clustering `small` offline embeddings in memory, and the same with scikit-learn when it is there. */
export function clusterInMemory(lines: string[], small: number): BenchFigure[] {
  const tools = importText(lines.slice(0, small).join("\n"), "bench.jsonl").tools;
  const vectors = tools.map((t) => offlineEmbedding(embeddingText(t.spec)));
  const config = clusterConfigSchema.parse({ kCandidates: 1, kMax: 40 });
  const started = performance.now();
  const result = clusterVectors(
    vectors,
    tools.map((t) => embeddingText(t.spec)),
    tools.map(() => true),
    config,
  );
  const ours = (performance.now() - started) / 1000;
  const figures: BenchFigure[] = [
    { name: `cluster + map ${tools.length.toLocaleString("en")} tools, one k (PCA ${config.dimensions} + k-means)`, value: ours, unit: "s", target: "< 5" },
  ];
  const sk = sklearnSeconds(vectors, result.categories.length, config.dimensions);
  if (sk !== null) figures.push({ name: `same clustering, ours ÷ scikit-learn`, value: ours / sk, unit: "×", peer: `scikit-learn ${sk.toFixed(2)} s` });
  return figures;
}

/**
 * `npm run bench`: the catalogue step for 20,000 tools on the offline
 * provider — read and normalize, store, filter, embed and deduplicate,
 * cluster and map — in a schema of its own, dropped afterwards.
 */
export async function benchCatalog({ tools: count = 20_000, small = 3_000, url = databaseUrl() }: CatalogBenchOptions = {}): Promise<BenchFigure[]> {
  const schema = `bench_catalog_${randomBytes(4).toString("hex")}`;
  await migrate(url, { schema });
  const db = createDb(url, { schema, max: 8 });
  const memory = peakMemory();
  try {
    const lines = benchToolLines(count);
    const text = lines.join("\n");
    let imported = importText(text, "bench.jsonl");
    const parse = await seconds(() => (imported = importText(text, "bench.jsonl")));
    const gateway = createGateway({ db, roles: { embedding: { provider: "offline" }, generator: { provider: "offline" }, judge: { provider: "offline" } } });
    const source = await db.toolSource.create({ data: { name: "bench", kind: "file", config: { path: "bench.jsonl" } } });
    const store = await seconds(() =>
      upsertTools(
        db,
        source,
        imported.tools.map((t) => ({ spec: t.spec, normalizations: t.normalizations })),
      ),
    );
    const quality = await stage(db, "quality", (ctx) => runQuality(ctx, qualityStageConfigSchema.parse({}), null));
    const embed = await stage(db, "embed", (ctx) => runEmbed(ctx, embedStageConfigSchema.parse({}), gateway));
    const cluster = await stage(db, "cluster", (ctx) => runCluster(ctx, clusterStageConfigSchema.parse({}), gateway));
    const total = parse + store + quality + embed + cluster;
    const n = count.toLocaleString("en");
    const [stored, embedded, categories] = await Promise.all([
      db.tool.count(),
      db.tool.count({ where: { embedding: { isEmpty: false } } }),
      db.category.count(),
    ]);
    return [
      { name: "read + normalize tool specs", value: count / parse, unit: "specs/s", target: ">= 10000" },
      { name: `store ${n} tools (upsert with versions)`, value: store, unit: "s" },
      { name: `quality filter ${n} tools (rules)`, value: quality, unit: "s" },
      { name: `embed ${n} tools offline + find duplicates`, value: embed, unit: "s" },
      { name: `cluster + map ${n} tools`, value: cluster, unit: "s" },
      { name: `whole catalogue step, ${n} tools`, value: total, unit: "s", target: "< 180" },
      { name: "tools stored (specs with the same name merge)", value: stored, unit: "tools" },
      { name: "tools embedded", value: embedded, unit: "tools" },
      { name: "categories found", value: categories, unit: "categories" },
      ...clusterInMemory(lines, small),
      { name: "peak memory (RSS) during the catalogue bench", value: memory() / 1024 ** 2, unit: "MB" },
    ];
  } finally {
    memory();
    await db.$disconnect();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
  }
}
