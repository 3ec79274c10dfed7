import { db as processDb, type Db } from "../db/client";
import { createStageContext } from "../jobs/context";
import { testGateway } from "../llm/testing/harness";
import { startOpenAiTestServer } from "../llm/testing/openai-server";
import { loadTrajectory } from "../trajectory/store";
import { deleteBenchTrajectories, expectedAccepted, writeBenchTrajectories } from "./bench-data";
import { judgeGateway, judgeSandbox } from "./deps";
import type { JudgeGateway } from "./gateway";
import { checkRules } from "./rules";
import { judgeStageConfigSchema } from "./config";
import { createJudgeStage } from "./stage";

export type BenchFigure = { name: string; value: number; unit: string; target?: string };

const n = (x: number) => x.toLocaleString("en");

/** Runs the judge stage as the worker would over a simulate run's trajectories; returns its seconds and counters. */
async function timeJudgeRun(db: Db, gateway: JudgeGateway, runId: string, concurrency: number) {
  const stage = createJudgeStage(() => ({ gateway, sandbox: judgeSandbox() }));
  // Rules and execution decide: offline rubric scores are filler, so the share
  // accepted can be checked against what the synthetic set was built to give.
  const config = judgeStageConfigSchema.parse({
    target: { kind: "run", runId },
    concurrency,
    cache: false,
    filter: { requiredLayers: ["rules", "execution"] },
  });
  const run = await db.run.create({ data: { kind: "judge", status: "running", config: config as object } });
  const start = performance.now();
  await stage.run(createStageContext(db, run, new AbortController().signal), config);
  const seconds = (performance.now() - start) / 1000;
  const after = await db.run.findUniqueOrThrow({ where: { id: run.id } });
  const accepted = await db.judgement.count({ where: { runId: run.id, verdict: "accepted" } });
  const cachedCalls = await db.llmCall.count({ where: { runId: run.id, status: "cached" } });
  await db.run.delete({ where: { id: run.id } });
  return { seconds, failed: after.failed, accepted, cachedCalls };
}

async function rulesPerSecond(db: Db, runId: string): Promise<number> {
  const rows = await db.trajectory.findMany({ where: { runId }, select: { id: true, endReason: true }, take: 300 });
  const docs = await Promise.all(rows.map(async (r) => ({ doc: (await loadTrajectory(db, r.id))!, endReason: r.endReason })));
  const task = { requiredTools: ["get_weather", "get_forecast"], forbiddenTools: [] };
  const start = performance.now();
  for (let k = 0; k < 10; k++) for (const d of docs) checkRules({ doc: d.doc, task, endReason: d.endReason });
  return (docs.length * 10) / ((performance.now() - start) / 1000);
}

/**
 * Judges `count` synthetic trajectories (10,000 by default) on the offline
 * provider, then `httpCount` of them through the real `openai` client against
 * the local test server with `latencyMs` per call, and reports throughput,
 * correctness checks and memory.
 */
export async function benchJudge(
  opts: { db?: Db; count?: number; concurrency?: number; httpCount?: number; httpLatencyMs?: number; httpConcurrency?: number } = {},
): Promise<BenchFigure[]> {
  const db = opts.db ?? processDb();
  const count = opts.count ?? 10_000;
  const concurrency = opts.concurrency ?? 16;
  const httpCount = opts.httpCount ?? 1_000;
  // 1 s per call as in the simulation benchmark; the offline figure above shows the database-bound ceiling.
  const latencyMs = opts.httpLatencyMs ?? 1_000;
  const httpConcurrency = opts.httpConcurrency ?? 64;
  const label = `${n(count)} trajectories, offline provider, concurrency ${concurrency}`;

  const writeStart = performance.now();
  const data = await writeBenchTrajectories(db, count);
  const writeSeconds = (performance.now() - writeStart) / 1000;
  // RSS includes what writing the synthetic set took (it is not given back); heap
  // peaks only show how late V8 collects, so RSS it is, labelled as such.
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const figures: BenchFigure[] = [];
  try {
    const offline = await timeJudgeRun(db, judgeGateway(db), data.runId, concurrency);
    figures.push(
      { name: `judge: throughput (${label})`, value: count / offline.seconds, unit: "trajectories/s" },
      { name: `judge: wall time per trajectory (${label})`, value: (offline.seconds * 1000) / count, unit: "ms" },
      { name: "judge: failed items", value: offline.failed, unit: "items", target: "<= 0" },
      { name: "judge: rubric calls answered from the response cache", value: offline.cachedCalls, unit: "calls", target: "<= 0" },
      {
        name: "judge: accepted vs what the set was built to give, |difference| (rules and execution decide)",
        value: Math.abs(offline.accepted - expectedAccepted(count)),
        unit: "trajectories",
        target: "<= 0",
      },
      { name: "judge: rules layer alone (in memory)", value: await rulesPerSecond(db, data.runId), unit: "trajectories/s", target: ">= 5000" },
      { name: `judge: writing the synthetic set (${n(count)} trajectories)`, value: count / writeSeconds, unit: "trajectories/s" },
    );
  } finally {
    clearInterval(sampler);
    await deleteBenchTrajectories(db, data);
  }
  figures.push({ name: "judge: peak memory (RSS, writing the set included)", value: peakRss / 2 ** 20, unit: "MB" });
  if (httpCount > 0) figures.push(...(await benchOverHttp(db, httpCount, latencyMs, httpConcurrency)));
  return figures;
}

/** The judge role served by the local OpenAI-compatible server with a fixed latency per call. */
async function benchOverHttp(db: Db, count: number, latencyMs: number, concurrency: number): Promise<BenchFigure[]> {
  const server = await startOpenAiTestServer({ latencyMs });
  const data = await writeBenchTrajectories(db, count);
  try {
    const gateway = testGateway(db, server, { concurrency });
    const run = await timeJudgeRun(db, gateway, data.runId, concurrency);
    const throughput = count / run.seconds;
    const ideal = concurrency / (latencyMs / 1000);
    const label = `${n(count)} trajectories, test server ${latencyMs} ms per call, concurrency ${concurrency}`;
    return [
      { name: `judge over HTTP: throughput (${label})`, value: throughput, unit: "trajectories/s" },
      { name: `judge over HTTP: throughput / (concurrency / latency) (${label})`, value: throughput / ideal, unit: "ratio", target: ">= 0.8" },
      { name: "judge over HTTP: failed items", value: run.failed, unit: "items", target: "<= 0" },
    ];
  } finally {
    await deleteBenchTrajectories(db, data);
    await server.close();
  }
}
