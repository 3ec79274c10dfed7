import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { putArtifact } from "../../lib/artifacts/store";
import { createDb, type Db, type Run, type RunKind } from "../../lib/db/client";
import { datasetText } from "../../lib/datasets/testing/files";
import { migrate } from "../../lib/db/migrate";
import { startQueue } from "../../lib/jobs/queue";
import { startRun } from "../../lib/jobs/runs";
import { writeBenchTrajectories } from "../../lib/judge/bench-data";
import { startOpenAiTestServer, type OpenAiTestServer } from "../../lib/llm/testing/openai-server";
import { fakeEmbedding } from "../../lib/synthesis/testing/fake-gateway";
import { seedCatalogue, seedSyntheticTools } from "../../lib/synthesis/testing/fixtures";
import { createTestDatabase } from "../db";

// Every kind of run in flight at once, each part done, then every worker
// SIGKILLed together; new workers finish them all. Each run must succeed with
// its counters equal to its total, and each must have made its results once:
// no second Tool, Agent, Task, Trajectory, Judgement, Category or Dataset row
// for the same item. Models are the local OpenAI-compatible test server with
// a latency (one server per database, slower for the catalogue whose runs
// have few items), so LLM-bound runs are slow enough to be caught midway.
//
// Stages that read the whole catalogue cannot share a database without
// changing each other's input (cluster re-files every embedded tool and
// removes other categories; agent synthesis plans from every category), so
// the runs are spread over three databases, one worker each.

const ROOT = path.resolve(import.meta.dirname, "../..");
const EXPORTED = 15_000;
const IMPORTED = 2_000;
const JUDGED = 30;
const PER_CATEGORY = 2;
const AGENTS = 30;

type Area = { name: string; url: string; db: Db; boss: PgBoss; server: OpenAiTestServer; drop: () => Promise<void> };
type Tracked = { kind: RunKind; area: Area; runId: string; doneAtKill?: number; totalAtKill?: number };

const TOPICS: Record<string, string[]> = {
  weather: ["temperature", "rainfall", "wind", "humidity", "storm"],
  repo: ["pull_request", "branch", "commit", "issue", "release"],
  calendar: ["meeting", "event", "reminder", "invite", "agenda"],
  payments: ["payment", "card", "subscription", "customer", "payout"],
};

describe("every kind of run, its worker killed midway", () => {
  const areas: Area[] = [];
  const workers: ChildProcess[] = [];
  const runs: Tracked[] = [];
  let queueAll: () => Promise<void> = async () => {};
  let judged: { runId: string };
  let exported: { runId: string };
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "studio-kill-"));
  chmodSync(dataDir, 0o755);

  async function area(name: string, latencyMs: number): Promise<Area> {
    const database = await createTestDatabase(inject("databaseUrl"), "kill");
    await migrate(database.url);
    const a = {
      name,
      url: database.url,
      db: createDb(database.url, { max: 3 }),
      boss: await startQueue(database.url, { supervise: false, heartbeatSeconds: 10 }),
      server: await startOpenAiTestServer({ latencyMs }),
      drop: database.drop,
    };
    areas.push(a);
    return a;
  }

  /** A worker process on the area's database; resolves once it takes jobs. */
  async function startWorker(a: Area): Promise<ChildProcess> {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "bin/studio.ts"), "worker"], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: a.url,
        STUDIO_DATA_DIR: dataDir,
        STUDIO_JOB_HEARTBEAT_SECONDS: "10",
        STUDIO_WORKER_CONCURRENCY: "8",
        // every role, embeddings included, goes to the test server
        OPENAI_API_KEY: "sk-kill-test",
        OPENAI_BASE_URL: a.server.url,
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    workers.push(child);
    const lines = createInterface({ input: child.stdout! });
    const ready = new Promise<void>((resolve) => lines.on("line", (l) => l.includes("worker started") && resolve()));
    await Promise.race([ready, once(child, "exit").then(() => Promise.reject(new Error(`the ${a.name} worker exited`)))]);
    return child;
  }

  async function start(a: Area, kind: RunKind, config: object) {
    const started = await startRun(a.db, a.boss, { kind, config });
    if (!started.ok) throw new Error(`${kind}: ${started.error}`);
    runs.push({ kind, area: a, runId: started.runId });
  }

  const read = (r: Tracked): Promise<Run> => r.area.db.run.findUniqueOrThrow({ where: { id: r.runId } });
  const run = (kind: RunKind) => runs.find((r) => r.kind === kind)!;

  beforeAll(async () => {
    const [catalog, pipeline, agents] = await Promise.all([area("catalog", 1_500), area("pipeline", 400), area("agents", 400)]);

    // catalog: real tools to judge and embed; synthetic, embedded tools in four topics to cluster
    const words = Object.entries(TOPICS);
    await catalog.db.tool.createMany({
      data: [
        ...Array.from({ length: 16 }, (_, i) => ({
          origin: "real" as const,
          key: `real/tool_${i}`,
          name: `lookup_${words[i % 4][1][i % 5]}_${i}`,
          description: `Looks up the ${words[i % 4][1][i % 5]} for ${words[i % 4][0]} record ${i}, by its id.`,
          inputSchema: { type: "object", properties: { id: { type: "string", description: "The record's id" } }, required: ["id"] },
          specHash: `real-${i}`,
        })),
        ...words.flatMap(([topic, nouns]) =>
          ["get", "list", "update"].flatMap((verb) =>
            nouns.map((noun) => {
              const name = `${verb}_${noun}`;
              return {
                origin: "synthetic" as const,
                key: `synthetic/${topic}/${name}`,
                name,
                description: `${verb} the ${noun.replace("_", " ")} in ${topic}`,
                inputSchema: { type: "object", properties: { id: { type: "string" } } },
                specHash: `syn-${topic}-${name}`,
                quality: "accepted" as const,
                // another model's vectors than the embed run's: clustering keeps to the largest group, these
                embedding: fakeEmbedding(`${topic} ${topic} ${noun} ${verb}`),
              };
            }),
          ),
        ),
      ],
    });

    // pipeline: categories to grow, an agent to write tasks for, tasks to simulate, trajectories to judge
    const grown: string[] = [];
    for (const [area, description, names] of [
      ["Weather", "Forecasts and observations", ["get_forecast", "get_air_quality", "get_weather_alerts"]],
      ["Maps", "Geocoding and routing", ["geocode_address", "plan_route", "nearby_places"]],
      ["Calendar", "Events and scheduling", ["create_event", "find_free_slot", "cancel_event"]],
      ["Payments", "Charging cards and issuing refunds", ["charge_card", "refund_payment", "list_payouts"]],
      ["Files", "Reading and writing files", ["read_file", "write_file", "list_directory"]],
      ["Mail", "Sending and searching email", ["send_email", "search_inbox", "archive_thread"]],
    ] as const) {
      const category = await pipeline.db.category.create({ data: { name: area, description } });
      grown.push(category.id);
      for (const name of names) {
        await pipeline.db.tool.create({
          data: {
            origin: "real",
            key: `seed/${name}`,
            name,
            description: `${name.replace(/_/g, " ")}: ${description.toLowerCase()} for a place or a person.`,
            inputSchema: { type: "object", properties: { id: { type: "string", description: "What to look at" } }, required: ["id"] },
            specHash: `seed-${name}`,
            quality: "accepted",
            categoryId: category.id,
          },
        });
      }
    }
    const agent = await pipeline.db.agent.create({
      data: { name: "Weather agent", systemPrompt: "You answer weather questions with the tools.", toolSetHash: "kill-agent" },
    });
    const seedTools = await pipeline.db.tool.findMany({ where: { categoryId: grown[0] } });
    await pipeline.db.agentTool.createMany({ data: seedTools.map((t) => ({ agentId: agent.id, toolId: t.id })) });
    const simulated = await pipeline.db.agent.create({
      data: { name: "Simulated agent", systemPrompt: "You answer weather questions.", toolSetHash: "kill-simulated" },
    });
    await pipeline.db.agentTool.create({ data: { agentId: simulated.id, toolId: seedTools[0].id } });
    const taskIds: string[] = [];
    for (let i = 0; i < 10; i++) {
      const task = await pipeline.db.task.create({
        data: {
          agentId: simulated.id,
          goal: `Know the forecast for city ${i}`,
          instruction: `What is the forecast for City-${i} tomorrow?`,
          mode: "autonomous",
          difficulty: "single_call",
        },
      });
      taskIds.push(task.id);
    }
    judged = await writeBenchTrajectories(pipeline.db, JUDGED);
    const lines = Array.from({ length: IMPORTED }, (_, n) =>
      JSON.stringify({
        messages: [
          { role: "user", content: `Weather in City-${n}?` },
          {
            role: "assistant",
            content: null,
            tool_calls: [{ id: `call_${n}`, type: "function", function: { name: "get_weather", arguments: JSON.stringify({ city: `City-${n}` }) } }],
          },
          { role: "tool", tool_call_id: `call_${n}`, content: `{"temp":${n % 40}}` },
          { role: "assistant", content: `${n % 40}°C in City-${n}.` },
        ],
        tools: [
          {
            type: "function",
            function: { name: "get_weather", description: "Weather for a city", parameters: { type: "object", properties: { city: { type: "string" } } } },
          },
        ],
      }),
    );
    const upload = await putArtifact(agents.db, { kind: "upload", name: "kill.jsonl" }, [`${lines.join("\n")}\n`]);

    // agents: a mapped catalogue with real and synthetic tools; trajectories to export, a file to import (neither touches the catalogue)
    await seedCatalogue(agents.db);
    await seedSyntheticTools(agents.db);
    exported = await writeBenchTrajectories(agents.db, EXPORTED);

    queueAll = async () => {
      await start(catalog, "quality", { llm: true, concurrency: 1, batchSize: 1 });
      await start(catalog, "embed", { batchSize: 1 });
      await start(catalog, "cluster", { naming: "generator", kMin: 3, kMax: 6, maxTopLevel: 3, seed: 7 });
      await start(pipeline, "synthesize_tools", { categoryIds: grown, perCategory: PER_CATEGORY, toolsPerCall: 1, concurrency: 1, cache: false });
      await start(pipeline, "synthesize_tasks", { agentIds: [agent.id], perAgent: 30, concurrency: 1, cache: false });
      await start(pipeline, "simulate", { taskIds, concurrency: 1, maxTurns: 6, seed: 3, cache: false });
      await start(pipeline, "judge", { target: { kind: "run", runId: judged.runId }, concurrency: 1, cache: false });
      await start(agents, "export", { name: "kill-test", filter: { runIds: [exported.runId], verdict: "any" } });
      await start(agents, "import", { artifactId: upload.id, name: upload.name });
      await start(agents, "synthesize_agents", { count: AGENTS, concurrency: 1, cache: false });
    };
  }, 180_000);

  afterAll(async () => {
    for (const w of workers) w.kill("SIGKILL");
    for (const a of areas) {
      await a.boss.stop({ graceful: false, timeout: 1000 }).catch(() => {});
      await a.db.$disconnect();
      await a.drop();
    }
    for (const a of areas) await a.server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("every run completes after the kill, each item counted once and each result made once", { timeout: 300_000 }, async () => {
    // workers first, then the runs: all of them start within a poll of each other
    await Promise.all(areas.map(startWorker));
    await queueAll();

    // Kill when every run is running with some of its work done and not all.
    const until = Date.now() + 90_000;
    let states: Run[] = [];
    for (;;) {
      states = await Promise.all(runs.map(read));
      if (states.every((s) => s.status === "running" && s.total > 0 && s.done > 0 && s.done < s.total)) break;
      if (Date.now() > until || states.some((s) => s.status !== "queued" && s.status !== "running")) {
        throw new Error(`not every run was midway at once: ${states.map((s) => `${s.kind} ${s.status} ${s.done}/${s.total}`).join(", ")}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    for (const w of workers) w.kill("SIGKILL");
    runs.forEach((r, i) => Object.assign(r, { doneAtKill: states[i].done, totalAtKill: states[i].total }));
    console.log(`[faults] killed with ${runs.map((r) => `${r.kind} ${r.doneAtKill}/${r.totalAtKill}`).join(", ")}`);

    await Promise.all(areas.map(startWorker));
    const finishBy = Date.now() + 200_000;
    for (;;) {
      states = await Promise.all(runs.map(read));
      if (states.every((s) => s.status !== "queued" && s.status !== "running") || Date.now() > finishBy) break;
      await new Promise((r) => setTimeout(r, 500));
    }

    for (const [i, r] of runs.entries()) {
      const s = states[i];
      expect({ kind: r.kind, status: s.status, failed: s.failed, message: s.status === "succeeded" ? null : s.message }).toEqual({
        kind: r.kind,
        status: "succeeded",
        failed: 0,
        message: null,
      });
      expect(s.done, `${r.kind} done`).toBe(s.total);
      expect(r.doneAtKill!, `${r.kind} was midway`).toBeLessThan(s.total);
    }
    // Stages that keep one RunItem per unit: one done item per unit counted, results distinct.
    for (const r of runs.filter((x) => x.kind !== "export" && x.kind !== "import")) {
      const s = states[runs.indexOf(r)];
      const items = await r.area.db.runItem.findMany({ where: { runId: r.runId } });
      expect(items.filter((i) => i.status === "done").length, `${r.kind} items`).toBe(s.total);
      const results = items.map((i) => i.resultId).filter((id): id is string => !!id);
      expect(new Set(results).size, `${r.kind} result ids`).toBe(results.length);
    }
  });

  it("catalogue: every real tool judged and embedded, the clustered tools filed into one set of categories", async () => {
    const db = run("quality").area.db;
    expect(await db.tool.count({ where: { origin: "real", quality: "pending" } })).toBe(0);
    const [{ n }] = await db.$queryRaw<
      { n: number }[]
    >`select count(*)::int as n from "Tool" where origin = 'real' and coalesce(cardinality(embedding), 0) = 0`;
    expect(n).toBe(0);
    const cluster = run("cluster");
    const categoryItems = await db.runItem.findMany({
      where: { runId: cluster.runId, OR: [{ key: { startsWith: "domain:" } }, { key: { startsWith: "category:" } }] },
    });
    const categories = await db.category.findMany({ select: { id: true, runId: true } });
    expect(categories.length).toBe(categoryItems.length);
    expect(new Set(categories.map((c) => c.id))).toEqual(new Set(categoryItems.map((i) => i.resultId)));
    expect(await db.tool.count({ where: { origin: "synthetic", categoryId: null } })).toBe(0);
  });

  it("synthesis: tools, tasks and agents made once each", async () => {
    const tools = run("synthesize_tools");
    const made = await tools.area.db.tool.findMany({ where: { runId: tools.runId }, select: { name: true, categoryId: true } });
    expect(made.length).toBeGreaterThan(0);
    // a category that reached its target is not grown again: no more than the target each
    for (const [categoryId, n] of Object.entries(Object.groupBy(made, (t) => t.categoryId ?? "")))
      expect(n!.length, categoryId).toBeLessThanOrEqual(PER_CATEGORY);
    expect(new Set(made.map((t) => `${t.categoryId}/${t.name}`)).size).toBe(made.length);

    for (const r of [run("synthesize_tasks"), run("synthesize_agents")]) {
      const items = await r.area.db.runItem.findMany({ where: { runId: r.runId, resultId: { not: null } }, select: { resultId: true } });
      const rows =
        r.kind === "synthesize_tasks"
          ? await r.area.db.task.findMany({ where: { runId: r.runId }, select: { id: true } })
          : await r.area.db.agent.findMany({ where: { runId: r.runId }, select: { id: true } });
      expect(rows.length, r.kind).toBeGreaterThan(0);
      expect(new Set(rows.map((x) => x.id)), r.kind).toEqual(new Set(items.map((i) => i.resultId)));
    }
    const agents = run("synthesize_agents");
    expect(await agents.area.db.agent.count({ where: { runId: agents.runId } })).toBeLessThanOrEqual(AGENTS);
  });

  it("simulate and judge: one trajectory per episode, one judgement per trajectory", async () => {
    const sim = run("simulate");
    const trajectories = await sim.area.db.trajectory.findMany({ where: { runId: sim.runId }, select: { episodeKey: true, endReason: true } });
    expect(trajectories).toHaveLength(10);
    expect(new Set(trajectories.map((t) => t.episodeKey)).size).toBe(10);
    expect(trajectories.every((t) => t.endReason !== "")).toBe(true);

    const judge = run("judge");
    const judgements = await judge.area.db.judgement.findMany({ where: { runId: judge.runId }, select: { trajectoryId: true } });
    expect(judgements).toHaveLength(JUDGED);
    expect(new Set(judgements.map((j) => j.trajectoryId)).size).toBe(JUDGED);
  });

  it("export and import: one dataset version with every trajectory once, every line imported once", async () => {
    const exp = run("export");
    const datasets = await exp.area.db.dataset.findMany({ where: { runId: exp.runId } });
    expect(datasets).toHaveLength(1);
    expect(datasets[0].count).toBe(EXPORTED);
    const train = (await datasetText(exp.area.db, datasets[0].id, "train.jsonl")).trim().split("\n");
    expect(train).toHaveLength(EXPORTED);
    expect(new Set(train).size).toBe(EXPORTED);

    const imp = run("import");
    const imported = await imp.area.db.trajectory.findMany({ where: { runId: imp.runId, imported: true }, select: { episodeKey: true } });
    expect(imported).toHaveLength(IMPORTED);
    expect(new Set(imported.map((t) => t.episodeKey)).size).toBe(IMPORTED);
  });
});
