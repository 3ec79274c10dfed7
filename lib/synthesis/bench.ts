import { randomBytes } from "node:crypto";
import pg from "pg";
import { qualityConfigSchema } from "../catalog/quality";
import { createDb, type Db, type RunKind } from "../db/client";
import { migrate } from "../db/migrate";
import { databaseUrl } from "../env";
import { createStageContext } from "../jobs/context";
import type { StageContext } from "../jobs/types";
import { testGateway } from "../llm/testing/harness";
import { startOpenAiTestServer } from "../llm/testing/openai-server";
import { agentSynthesisConfig, taskSynthesisConfig, toolSynthesisConfig } from "./config";
import { runAgentSynthesis } from "./stages/agents";
import { catalogChecks } from "./catalog-checks";
import type { SynthesisGateway } from "./gateway";
import { synthesisGateway } from "./gateway-factory";
import { createRng, pickOne, sha256 } from "./random";
import { readSummary } from "./run-summary";
import { runTaskSynthesis } from "./stages/tasks";
import type { CategoryStats } from "./tool-category";
import { runToolSynthesis } from "./stages/tools";
import { NOUNS } from "./testing/nouns";

export type BenchFigure = { name: string; value: number; unit: string; target?: string };

type RunOptions = { url: string; scale: number; concurrency: number; gateway: (db: Db) => SynthesisGateway; label: string };

const CATEGORIES = 100;
const REAL_PER_CATEGORY = 30;
const VERBS = [
  "get",
  "list",
  "create",
  "update",
  "delete",
  "search",
  "book",
  "cancel",
  "export",
  "validate",
  "estimate",
  "sync",
  "archive",
  "approve",
  "track",
];

/** A catalogue shaped like Kimi K2's starting point: 3,000 accepted real tools in 100 categories under 10 domains. */
async function seedRealCatalogue(db: Db, gateway: SynthesisGateway) {
  const rng = createRng(1);
  const checks = catalogChecks(qualityConfigSchema.parse({}));
  for (let p = 0; p < CATEGORIES / 10; p++) {
    const parent = await db.category.create({ data: { name: `Domain ${p}`, description: `Bench domain ${p}` } });
    for (let c = 0; c < 10; c++) {
      const i = p * 10 + c;
      const noun = NOUNS[i % NOUNS.length];
      const category = await db.category.create({
        data: { name: `${pickOne(rng, NOUNS)} ${i}`, description: `Tools about ${noun} work`, parentId: parent.id, centroidX: p * 10 + c, centroidY: c },
      });
      const tools = Array.from({ length: REAL_PER_CATEGORY }, (_, j) => {
        const name = `${VERBS[j % VERBS.length]}_${NOUNS[(i + j) % NOUNS.length]}_${i}_${j}`;
        return { name, description: `${name.replace(/_/g, " ")}: works on ${NOUNS[(i + j) % NOUNS.length]} records of category ${i}.` };
      });
      const vectors = await gateway.embed(
        tools.map((t) => checks.embeddingText(t)),
        {},
      );
      await db.tool.createMany({
        data: tools.map((t, j) => ({
          origin: "real" as const,
          key: `bench/${t.name}`,
          name: t.name,
          description: t.description,
          inputSchema: { type: "object", properties: { id: { type: "string", description: "Record id" } }, required: ["id"] },
          specHash: sha256(t.name),
          quality: "accepted" as const,
          embedding: vectors[j],
          categoryId: category.id,
        })),
      });
    }
  }
}

async function timed(db: Db, kind: RunKind, config: object, work: (ctx: StageContext) => Promise<void>) {
  const run = await db.run.create({ data: { kind, status: "running", config } });
  const started = performance.now();
  await work(createStageContext(db, run, new AbortController().signal));
  const seconds = (performance.now() - started) / 1000;
  const [after, calls] = await Promise.all([
    db.run.findUniqueOrThrow({ where: { id: run.id } }),
    db.llmCall.count({ where: { runId: run.id, role: "generator", status: "ok" } }),
  ]);
  return { seconds, run: after, callsPerSecond: calls / seconds };
}

/** One synthesis of tools, agents and tasks in a schema of its own, dropped afterwards. */
async function runOnce(o: RunOptions) {
  const schema = `bench_synthesis_${randomBytes(4).toString("hex")}`;
  await migrate(o.url, { schema });
  const db = createDb(o.url, { schema, max: Math.min(o.concurrency + 4, 40) });
  const gateway = o.gateway(db);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  try {
    await seedRealCatalogue(db, gateway);
    const checks = catalogChecks(qualityConfigSchema.parse({}));
    const toolTarget = Math.round(20_000 * o.scale);
    const toolsConfig = toolSynthesisConfig.parse({ perCategory: Math.ceil(toolTarget / CATEGORIES), total: toolTarget, concurrency: o.concurrency, seed: 1 });
    const tools = await timed(db, "synthesize_tools", toolsConfig, (ctx) => runToolSynthesis(ctx, toolsConfig, { gateway, checks }));
    const madeTools = await db.tool.count({ where: { origin: "synthetic", quality: "accepted" } });
    const stats = Object.values(await readSummary<CategoryStats>(db, tools.run.id, "categories"));
    const candidates = stats.reduce((s, c) => s + c.generated, 0);
    const duplicates = stats.reduce((s, c) => s + c.duplicates, 0);

    const agentsConfig = agentSynthesisConfig.parse({ count: Math.round(2_000 * o.scale), concurrency: o.concurrency, seed: 1 });
    const agents = await timed(db, "synthesize_agents", agentsConfig, (ctx) => runAgentSynthesis(ctx, agentsConfig, gateway));
    const madeAgents = await db.agent.count();

    // 10,000 tasks for 2,000 agents: five per agent, whatever the scale.
    const tasksConfig = taskSynthesisConfig.parse({ perAgent: 5, concurrency: o.concurrency, seed: 1 });
    const tasks = await timed(db, "synthesize_tasks", tasksConfig, (ctx) => runTaskSynthesis(ctx, tasksConfig, gateway));
    const madeTasks = await db.task.count();

    const [{ bytes }] = await db.$queryRaw<{ bytes: bigint }[]>`
      select coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint as bytes
      from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = ${schema} and c.relkind = 'r'`;
    return { tools, agents, tasks, madeTools, candidates, duplicates, madeAgents, madeTasks, bytes: Number(bytes), peakRss };
  } finally {
    clearInterval(sampler);
    await db.$disconnect();
    const client = new pg.Client({ connectionString: o.url });
    await client.connect();
    // a session of the run that has not closed yet can still hold a lock: a deadlock (40P01) is tried again
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`drop schema if exists "${schema}" cascade`);
        break;
      } catch (e) {
        if ((e as { code?: string }).code !== "40P01" || attempt >= 5) throw e;
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
    await client.end();
  }
}

export type SynthesisBenchOptions = {
  url?: string;
  /** 1 = the sizes: 20,000 tools, 2,000 agents, 10,000 tasks */
  scale?: number;
  concurrency?: number;
  /** size of the run against the test server (0 skips it) */
  serverScale?: number;
  serverLatencyMs?: number;
  serverConcurrency?: number;
  gateway?: (db: Db) => SynthesisGateway;
};

/**
 * Synthesizes tools, agents and tasks from a 3,000-tool catalogue on the
 * offline provider (items per second, database size, peak memory), then a
 * smaller run against the local OpenAI-compatible test server with 500 ms
 * latency, where throughput should approach concurrency / latency.
 */
export async function benchSynthesis(opts: SynthesisBenchOptions = {}): Promise<BenchFigure[]> {
  const url = opts.url ?? databaseUrl();
  const scale = opts.scale ?? 1;
  const concurrency = opts.concurrency ?? 16;
  const offline = await runOnce({ url, scale, concurrency, gateway: opts.gateway ?? synthesisGateway, label: "offline" });
  const at = `(offline provider, concurrency ${concurrency})`;
  const figures: BenchFigure[] = [
    { name: `synthesis: ${offline.madeTools.toLocaleString("en")} synthetic tools ${at}`, value: offline.madeTools / offline.tools.seconds, unit: "tools/s" },
    { name: "synthesis: tool candidates accepted", value: offline.candidates ? offline.madeTools / offline.candidates : 0, unit: "ratio" },
    { name: "synthesis: tool candidates that were duplicates", value: offline.candidates ? offline.duplicates / offline.candidates : 0, unit: "ratio" },
    { name: `synthesis: ${offline.madeAgents.toLocaleString("en")} agents ${at}`, value: offline.madeAgents / offline.agents.seconds, unit: "agents/s" },
    { name: `synthesis: ${offline.madeTasks.toLocaleString("en")} tasks ${at}`, value: offline.madeTasks / offline.tasks.seconds, unit: "tasks/s" },
    { name: "synthesis: failed items", value: offline.tools.run.failed + offline.agents.run.failed + offline.tasks.run.failed, unit: "items", target: "<= 0" },
    { name: "synthesis: database size after the run", value: offline.bytes / 2 ** 20, unit: "MiB" },
    { name: "synthesis: peak memory (RSS)", value: offline.peakRss / 2 ** 20, unit: "MiB" },
  ];

  const serverScale = opts.serverScale ?? 0.1;
  if (serverScale > 0) {
    const latencyMs = opts.serverLatencyMs ?? 500;
    const serverConcurrency = opts.serverConcurrency ?? 64;
    const server = await startOpenAiTestServer({ latencyMs });
    try {
      const gateway = (db: Db) => testGateway(db, server, { concurrency: serverConcurrency, supportsJsonSchema: true });
      const r = await runOnce({ url, scale: serverScale, concurrency: serverConcurrency, gateway, label: "test server" });
      const ideal = serverConcurrency / (latencyMs / 1000);
      const via = `(test server, ${latencyMs} ms latency, concurrency ${serverConcurrency})`;
      figures.push(
        { name: `synthesis: tools stage generator calls ${via}`, value: r.tools.callsPerSecond, unit: "calls/s" },
        { name: `synthesis: agents stage generator calls ${via}`, value: r.agents.callsPerSecond, unit: "calls/s" },
        { name: `synthesis: tasks stage generator calls ${via}`, value: r.tasks.callsPerSecond, unit: "calls/s" },
        { name: "synthesis: tasks stage throughput / (concurrency / latency)", value: r.tasks.callsPerSecond / ideal, unit: "ratio", target: ">= 0.8" },
        { name: "synthesis: agents stage throughput / (concurrency / latency)", value: r.agents.callsPerSecond / ideal, unit: "ratio", target: ">= 0.8" },
      );
    } finally {
      await server.close();
    }
  }
  return figures;
}
