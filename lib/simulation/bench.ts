import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { db as processDb, type Db } from "../db/client";
import { createStageContext } from "../jobs/context";
import type { SimulationGateway } from "./gateway";
import { simulationGateway } from "./gateway-factory";
import { simulateConfigSchema } from "./config";
import { runSimulation } from "./stage";

// `npm run bench`, simulation area, through the real stage (run items,
// incremental writes, concurrency): 1,000 episodes on the offline provider
// (episodes and database writes per second, peak memory), and 1,000 episodes
// against the local OpenAI-compatible test server answering after 1 s, 256
// in flight (throughput against the ideal concurrency / latency).

export type SimulationFigure = { name: string; value: number; unit: string; target?: string };

const TOOLS = [
  [
    "search_flights",
    "Search flights between two airports on a date",
    { origin: { type: "string" }, destination: { type: "string" }, date: { type: "string" } },
  ],
  ["get_weather", "Current weather and forecast for a city", { city: { type: "string" } }],
  ["book_hotel", "Book a hotel room in a city for a number of nights", { city: { type: "string" }, nights: { type: "integer", minimum: 1 } }],
  ["convert_currency", "Convert an amount between two currencies", { amount: { type: "number" }, from: { type: "string" }, to: { type: "string" } }],
] as const;

/** Agents, tools and tasks for the benchmark, made once per database. */
export async function benchTasks(db: Db, count: number, tag: string): Promise<string[]> {
  const tools = [];
  for (const [name, description, properties] of TOOLS) {
    tools.push(
      await db.tool.create({
        data: {
          origin: "synthetic",
          key: `bench:${tag}:${name}`,
          name,
          description,
          inputSchema: { type: "object", properties, required: Object.keys(properties) },
          outputSchema: {
            type: "object",
            properties: { ok: { type: "boolean" }, summary: { type: "string" }, items: { type: "array", items: { type: "string" } } },
            required: ["ok", "summary"],
          },
          specHash: `bench:${tag}:${name}`,
          quality: "accepted",
        },
      }),
    );
  }
  const agent = await db.agent.create({
    data: { name: `Bench travel agent ${tag}`, systemPrompt: "You are a travel assistant. Use the tools to plan trips.", toolSetHash: `bench:${tag}` },
  });
  await db.agentTool.createMany({ data: tools.map((t) => ({ agentId: agent.id, toolId: t.id })) });
  const rows = Array.from({ length: count }, (_, i) => ({
    agentId: agent.id,
    goal: `Plan a ${2 + (i % 5)}-night trip from Paris to Rome, within budget`,
    instruction: `I want to fly from Paris to Rome on day ${1 + (i % 28)} and stay ${2 + (i % 5)} nights. Find a flight, check the weather, book a hotel and tell me the total in euros.`,
    persona: { name: "Alex" },
    mode: i % 2 === 0 ? ("interactive" as const) : ("autonomous" as const),
    difficulty: "multi_step" as const,
  }));
  await db.task.createMany({ data: rows });
  const tasks = await db.task.findMany({ where: { agentId: agent.id }, select: { id: true } });
  return tasks.map((t) => t.id);
}

const WRITES = new Set([
  "create",
  "createMany",
  "createManyAndReturn",
  "update",
  "updateMany",
  "upsert",
  "delete",
  "deleteMany",
  "$executeRaw",
  "$executeRawUnsafe",
]);

/** The same client, counting the write statements it sends. */
function countingWrites(db: Db): { db: Db; writes: () => number } {
  let writes = 0;
  const counted = db.$extends({
    query: {
      $allOperations({ operation, args, query }) {
        if (WRITES.has(operation)) writes++;
        return query(args);
      },
    },
  });
  return { db: counted as unknown as Db, writes: () => writes };
}

/**
 * A gateway that counts its calls, the most it had in flight at once, the
 * time-integral of calls in flight (for Little's law) and each episode's calls
 * in the order the episodes made their first call.
 */
function countingCalls(gateway: SimulationGateway) {
  const stats = { calls: 0, inFlight: 0, peak: 0, callSeconds: 0, area: 0, since: performance.now() };
  const episodes = new Map<string, number>();
  const advance = () => {
    const now = performance.now();
    stats.area += (stats.inFlight * (now - stats.since)) / 1000;
    stats.since = now;
  };
  const track = async <T>(trajectoryId: string | undefined, p: () => Promise<T>): Promise<T> => {
    stats.calls++;
    if (trajectoryId) episodes.set(trajectoryId, (episodes.get(trajectoryId) ?? 0) + 1);
    advance();
    stats.peak = Math.max(stats.peak, ++stats.inFlight);
    const started = performance.now();
    try {
      return await p();
    } finally {
      stats.callSeconds += (performance.now() - started) / 1000;
      advance();
      stats.inFlight--;
    }
  };
  const counted: SimulationGateway = {
    chat: (role, req, ctx) => track(ctx?.trajectoryId, () => gateway.chat(role, req, ctx)),
    structured: (role, req, ctx) => track(ctx?.trajectoryId, () => gateway.structured(role, req, ctx)),
    info: (role) => gateway.info(role),
  };
  return { gateway: counted, stats, episodes, advance };
}

/** Seconds the same episodes would take on `lanes` lanes if every call took exactly `latency` s and nothing else took any time. */
function zeroOverheadSeconds(callsPerEpisode: number[], lanes: number, latency: number): number {
  const free = new Array<number>(Math.max(1, lanes)).fill(0);
  for (const calls of callsPerEpisode) {
    let lane = 0;
    for (let i = 1; i < free.length; i++) if (free[i] < free[lane]) lane = i;
    free[lane] += calls * latency;
  }
  return Math.max(...free);
}

type BenchRun = {
  seconds: number;
  writes: number;
  peakRss: number;
  calls: number;
  peakInFlight: number;
  runId: string;
  /** calls per episode, in the order the episodes started */
  callsPerEpisode: number[];
  /** while every lane had an episode to run: seconds, calls in flight × seconds; and the mean call seconds */
  full: { seconds: number; callArea: number; meanCallSeconds: number };
};

/** One simulate run over fresh bench tasks, measured. */
async function measuredRun(db: Db, gateway: SimulationGateway, episodes: number, concurrency: number): Promise<BenchRun> {
  const tag = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const taskIds = await benchTasks(db, episodes, tag);
  const config = simulateConfigSchema.parse({ taskIds, protocols: ["native"], concurrency, maxTurns: 12, seed: 1, cache: false });
  const run = await db.run.create({ data: { kind: "simulate", status: "running", config } });
  const writes = countingWrites(db);
  const calls = countingCalls(gateway);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const ctx = createStageContext(writes.db, run, new AbortController().signal);
  // Every lane has an episode to run until the first one ends after the last one started: then the run drains.
  let itemsStarted = 0;
  let full: { seconds: number; callArea: number } | null = null;
  calls.advance();
  calls.stats.area = 0;
  const started = performance.now();
  const item = ctx.item;
  ctx.item = (key, work) => {
    itemsStarted++;
    return item(key, work).finally(() => {
      if (full || itemsStarted < episodes) return;
      calls.advance();
      full = { seconds: (performance.now() - started) / 1000, callArea: calls.stats.area };
    });
  };
  try {
    await runSimulation(ctx, config, calls.gateway);
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    seconds,
    writes: writes.writes(),
    peakRss,
    calls: calls.stats.calls,
    peakInFlight: calls.stats.peak,
    runId: run.id,
    callsPerEpisode: [...calls.episodes.values()],
    full: { ...(full ?? { seconds: 0, callArea: 0 }), meanCallSeconds: calls.stats.callSeconds / Math.max(1, calls.stats.calls) },
  };
}

/**
 * Episodes against an endpoint that takes `latencyMs` per call: with
 * `concurrency` episodes in flight, the ideal is concurrency / latency calls
 * per second. The target is on the stretch where every lane had an episode
 * to run (until the first to end after the last one started), calls per
 * second by Little's law (mean calls in flight / mean call time). Measured end
 * to end, the run also drains: its last episodes finish one by one (they make
 * 7 to 20 calls each), so even a stage that cost nothing could not reach the
 * ideal; the "drain's ceiling" figure says how close one could get.
 */
export async function benchSimulationAtLatency(opts: {
  gateway: SimulationGateway;
  latencyMs: number;
  episodes?: number;
  concurrency?: number;
  db?: Db;
}): Promise<SimulationFigure[]> {
  const db = opts.db ?? processDb();
  const concurrency = opts.concurrency ?? 256;
  const r = await measuredRun(db, opts.gateway, opts.episodes ?? 1_000, concurrency);
  const latency = opts.latencyMs / 1000;
  const ideal = concurrency / latency;
  const ceiling = r.calls / zeroOverheadSeconds(r.callsPerEpisode, concurrency, latency) / ideal;
  const fullRate = r.full.seconds > 0 ? r.full.callArea / r.full.seconds / r.full.meanCallSeconds : 0;
  return [
    { name: `calls per second at ${opts.latencyMs} ms latency, ${concurrency} episodes in flight`, value: r.calls / r.seconds, unit: "calls/s" },
    {
      name: `throughput vs ideal (concurrency / latency) at concurrency ${concurrency} while every lane had an episode to run`,
      value: fullRate / ideal,
      unit: "ratio",
      target: ">= 0.9",
    },
    { name: `the same, end to end`, value: r.calls / r.seconds / ideal, unit: "ratio" },
    { name: `end to end for the same episodes if nothing but the calls took time (the drain's ceiling)`, value: ceiling, unit: "ratio" },
    { name: `mean time of a call at ${opts.latencyMs} ms latency`, value: r.full.meanCallSeconds * 1000, unit: "ms" },
    { name: `most calls in flight at once (concurrency ${concurrency})`, value: r.peakInFlight, unit: "calls" },
  ];
}

/** The gateway's test server in a child process of its own (so it does not share the measured CPU), answering after `latencyMs`. */
async function startSlowServer(latencyMs: number): Promise<{ url: string; close(): Promise<void> }> {
  const serverModule = fileURLToPath(new URL("../llm/testing/openai-server.ts", import.meta.url));
  const program = [
    `const { startOpenAiTestServer } = await import(${JSON.stringify(serverModule)});`,
    `const server = await startOpenAiTestServer({ latencyMs: ${Number(latencyMs)} });`,
    `process.stdout.write(JSON.stringify({ url: server.url }) + "\\n");`,
    `process.stdin.resume();`,
    `process.stdin.on("end", () => void server.close().then(() => process.exit(0)));`,
  ].join("\n");
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", program], { stdio: ["pipe", "pipe", "inherit"] });
  const [line] = (await once(createInterface({ input: child.stdout }), "line")) as [string];
  const { url } = JSON.parse(line) as { url: string };
  return {
    url,
    async close() {
      const exited = once(child, "exit");
      child.stdin.end();
      await exited;
    },
  };
}

/** Episodes whose every model call goes over HTTP to the test server, answering after `latencyMs`. */
export async function benchSimulationAgainstServer(
  opts: { latencyMs?: number; episodes?: number; concurrency?: number; db?: Db } = {},
): Promise<SimulationFigure[]> {
  const db = opts.db ?? processDb();
  const latencyMs = opts.latencyMs ?? 1_000;
  const concurrency = opts.concurrency ?? 256;
  const server = await startSlowServer(latencyMs);
  try {
    const role = {
      provider: "openai" as const,
      baseUrl: server.url,
      apiKey: "sk-bench",
      model: "bench-model",
      concurrency,
      requestsPerMinute: 0,
      tokensPerMinute: 0,
    };
    const gateway = simulationGateway(db, { roles: { agent: role, user: role, tool: role } });
    return await benchSimulationAtLatency({ gateway, latencyMs, episodes: opts.episodes, concurrency, db });
  } finally {
    await server.close();
  }
}

/** Both benchmarks the issue names: offline, then against the test server. */
export async function benchSimulation(opts: { episodes?: number; db?: Db } = {}): Promise<SimulationFigure[]> {
  const db = opts.db ?? processDb();
  const offline = simulationGateway(db, { roles: { agent: { provider: "offline" }, user: { provider: "offline" }, tool: { provider: "offline" } } });
  return [
    ...(await benchSimulationOffline({ episodes: opts.episodes, db, gateway: offline })),
    ...(await benchSimulationAgainstServer({ episodes: opts.episodes, db })),
  ];
}

export async function benchSimulationOffline(
  opts: { episodes?: number; concurrency?: number; db?: Db; gateway?: SimulationGateway } = {},
): Promise<SimulationFigure[]> {
  const db = opts.db ?? processDb();
  const gateway = opts.gateway ?? simulationGateway(db);
  const { seconds, writes, peakRss, runId } = await measuredRun(db, gateway, opts.episodes ?? 1_000, opts.concurrency ?? 32);
  const [trajectories, turns, steps] = await Promise.all([
    db.trajectory.count({ where: { runId, endReason: { not: "" } } }),
    db.message.count({ where: { trajectory: { runId }, role: "assistant" } }),
    db.message.count({ where: { trajectory: { runId } } }),
  ]);
  return [
    { name: "episodes on the offline provider", value: trajectories, unit: "episodes" },
    { name: "agent turns per episode (offline)", value: turns / Math.max(trajectories, 1), unit: "turns" },
    { name: "steps per episode (offline)", value: steps / Math.max(trajectories, 1), unit: "steps" },
    { name: "episodes per second (offline)", value: trajectories / seconds, unit: "episodes/s" },
    { name: "database writes per second (offline)", value: writes / seconds, unit: "writes/s" },
    { name: "peak resident memory (offline)", value: peakRss / 2 ** 20, unit: "MiB" },
  ];
}
