import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db, Run } from "../../lib/db/client";
import { startQueue } from "../../lib/jobs/queue";
import { retryFailedItems, startRun } from "../../lib/jobs/runs";
import { startWorker } from "../../lib/jobs/worker";
import { stages } from "../../lib/pipeline";
import { TEST_API_KEY } from "../../lib/llm/testing/harness";
import { startOpenAiTestServer, type FaultRates, type OpenAiTestServer } from "../../lib/llm/testing/openai-server";
import { createTestDb, urlWithSchema } from "../db";
import { isEnded } from "../../lib/jobs/run-status";

// An LLM endpoint that answers 429s (with Retry-After), 500s, hangs past the
// client's timeout, malformed JSON, bodies cut short and replies cut short,
// behind the studio's real gateway and the registered simulate and judge
// stages. Some requests are poisoned: they fail whatever the retries, so their
// items end failed; once the endpoint is healthy, retrying the run redoes
// those items only.

const TASKS = 24;
const POISONED = [3, 11, 19];
const MARK = "POISON-PILL";
const ROLES = ["AGENT", "USER", "TOOL", "JUDGE"];

const faults: FaultRates = {
  rateLimit: 0.06,
  retryAfterSeconds: 0.2,
  serverError: 0.06,
  hang: 0.03,
  hangMs: 3_000,
  malformed: 0.04,
  truncate: 0.04,
  truncatedReply: 0.04,
  poison: (body) => JSON.stringify(body.messages ?? "").includes(MARK),
  seed: 42,
};

async function waitForEnd(db: Db, runId: string, ms = 150_000): Promise<Run> {
  const until = Date.now() + ms;
  for (;;) {
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    if (isEnded(run.status) || Date.now() > until) return run;
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("an LLM endpoint that misbehaves", () => {
  let db: Db;
  let boss: PgBoss;
  let server: OpenAiTestServer;
  const savedEnv = { ...process.env };
  const taskIds: string[] = [];
  const poisonedTaskIds: string[] = [];
  let simulateRunId = "";

  beforeAll(async () => {
    server = await startOpenAiTestServer();
    // The registered stages build the studio's gateway from the environment: every role goes to the test server.
    for (const role of ROLES) {
      Object.assign(process.env, {
        [`STUDIO_${role}_PROVIDER`]: "openai",
        [`STUDIO_${role}_BASE_URL`]: server.url,
        [`STUDIO_${role}_API_KEY`]: TEST_API_KEY,
        [`STUDIO_${role}_MODEL`]: "test-model",
        [`STUDIO_${role}_TIMEOUT_MS`]: "1000",
        [`STUDIO_${role}_CONCURRENCY`]: "16",
      });
    }
    const t = await createTestDb();
    db = t.db;
    boss = await startQueue(urlWithSchema(t.url, t.schema), { schema: t.schema });
    await startWorker(db, boss, 2, stages);

    const agent = await db.agent.create({
      data: { name: "Weather agent", systemPrompt: "You answer weather questions with the tool.", toolSetHash: "faults" },
    });
    const tool = await db.tool.create({
      data: {
        origin: "synthetic",
        key: "faults/get_weather",
        name: "get_weather",
        description: "Current weather for a city",
        inputSchema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
        outputSchema: { type: "object", properties: { temp_c: { type: "number" }, sky: { type: "string" } }, required: ["temp_c", "sky"] },
        specHash: "faults/get_weather",
        quality: "accepted",
      },
    });
    await db.agentTool.create({ data: { agentId: agent.id, toolId: tool.id } });
    for (let i = 0; i < TASKS; i++) {
      const poisoned = POISONED.includes(i);
      const task = await db.task.create({
        data: {
          agentId: agent.id,
          goal: `Know the weather in city ${i}`,
          instruction: `Ticket ${i}${poisoned ? ` ${MARK}` : ""}: what is the weather in Paris right now?`,
          persona: { name: "Sam" },
          mode: i % 2 ? "interactive" : "autonomous",
          difficulty: "single_call",
          rubric: [{ id: "answer", criterion: "States the weather the tool returned" }],
          requiredTools: ["get_weather"],
        },
      });
      taskIds.push(task.id);
      if (poisoned) poisonedTaskIds.push(task.id);
    }
  });
  afterAll(async () => {
    process.env = savedEnv;
    await boss?.stop({ graceful: false, timeout: 2000 });
    await server?.close();
  });

  /** Runs items and errors as the Runs page shows them, checked against each other. */
  async function failedItems(run: Run) {
    const items = await db.runItem.findMany({ where: { runId: run.id, status: "failed" } });
    const errors = run.errors as { key: string; message: string }[];
    for (const item of items) {
      expect(item.error).toBeTruthy();
      expect(errors.find((e) => e.key === item.key)?.message).toBe(item.error);
    }
    return items;
  }

  it("simulate: retried calls get through, poisoned episodes fail with their error, a retry finishes them once", { timeout: 300_000 }, async () => {
    server.faults = faults;
    const started = await startRun(db, boss, { kind: "simulate", config: { taskIds, concurrency: 8, maxTurns: 8, seed: 1, cache: false } });
    if (!started.ok) throw new Error(started.error);
    simulateRunId = started.runId;
    const run = await waitForEnd(db, started.runId);
    expect(run).toMatchObject({ status: "partial", total: TASKS }); // some items failed, the others were done
    expect(run.done + run.failed).toBe(TASKS);
    // every kind of fault was met, and the gateway's retries carried the healthy items through
    for (const kind of ["rateLimit", "serverError", "hang", "malformed", "truncate", "truncatedReply", "poison"] as const) {
      expect(server.stats.faults[kind], kind).toBeGreaterThan(0);
    }
    const failed = await failedItems(run);
    const failedTasks = await db.trajectory.findMany({ where: { episodeKey: { in: failed.map((i) => i.key) } }, select: { taskId: true } });
    expect(failedTasks.map((t) => t.taskId)).toEqual(expect.arrayContaining(poisonedTaskIds));
    expect(run.failed).toBe(failed.length);
    expect(failed.length).toBeLessThanOrEqual(POISONED.length + 2);
    expect(failed.every((i) => /failed after \d+ attempts/.test(i.error ?? ""))).toBe(true);
    const attemptsBefore = new Map((await db.runItem.findMany({ where: { runId: run.id } })).map((i) => [i.key, i.attempts]));

    server.faults = null;
    server.reset();
    expect(await retryFailedItems(db, boss, run.id)).toEqual({ ok: true, items: failed.length });
    const retried = await waitForEnd(db, run.id);
    expect(retried).toMatchObject({ status: "succeeded", total: TASKS, done: TASKS, failed: 0, errors: [] });
    const items = await db.runItem.findMany({ where: { runId: run.id } });
    expect(items).toHaveLength(TASKS);
    for (const item of items) {
      expect(item.status).toBe("done");
      const wasFailed = failed.some((f) => f.key === item.key);
      expect(item.attempts, item.key).toBe(attemptsBefore.get(item.key)! + (wasFailed ? 1 : 0));
    }
    // one trajectory per episode, each finished, the failed ones continued rather than started again
    const trajectories = await db.trajectory.findMany({ where: { runId: run.id }, select: { episodeKey: true, endReason: true, taskId: true } });
    expect(trajectories).toHaveLength(TASKS);
    expect(new Set(trajectories.map((t) => t.episodeKey)).size).toBe(TASKS);
    expect(new Set(trajectories.map((t) => t.taskId)).size).toBe(TASKS);
    expect(trajectories.every((t) => t.endReason !== "")).toBe(true);
    // the retry asked the endpoint about the failed episodes only
    const asked = new Set(server.requests.map((r) => JSON.stringify(r.body.messages ?? "").match(/Ticket (\d+)/)?.[1]).filter(Boolean));
    expect(asked.size).toBeGreaterThan(0);
    expect(asked.size).toBeLessThanOrEqual(failed.length);
  });

  it("judge: poisoned trajectories fail with their error instead of a verdict, a retry judges them once", { timeout: 300_000 }, async () => {
    expect(simulateRunId).not.toBe("");
    server.faults = faults;
    server.reset();
    const started = await startRun(db, boss, { kind: "judge", config: { target: { kind: "run", runId: simulateRunId }, concurrency: 8, cache: false } });
    if (!started.ok) throw new Error(started.error);
    const run = await waitForEnd(db, started.runId);
    expect(run).toMatchObject({ status: "partial", total: TASKS }); // some items failed, the others were done
    expect(run.done + run.failed).toBe(TASKS);
    const failed = await failedItems(run);
    expect(failed.length).toBeGreaterThanOrEqual(POISONED.length);
    expect(failed.length).toBeLessThanOrEqual(POISONED.length + 2);
    expect(failed.every((i) => /judge call .* failed after \d+ attempts/.test(i.error ?? ""))).toBe(true);
    // a failed item leaves no judgement behind; every done one left exactly one
    expect(await db.judgement.count({ where: { runId: run.id } })).toBe(run.done);
    const poisonedTrajectories = await db.trajectory.findMany({ where: { taskId: { in: poisonedTaskIds }, runId: simulateRunId }, select: { id: true } });
    expect(await db.judgement.count({ where: { runId: run.id, trajectoryId: { in: poisonedTrajectories.map((t) => t.id) } } })).toBe(0);

    server.faults = null;
    expect(await retryFailedItems(db, boss, run.id)).toEqual({ ok: true, items: failed.length });
    const retried = await waitForEnd(db, run.id);
    expect(retried).toMatchObject({ status: "succeeded", total: TASKS, done: TASKS, failed: 0, errors: [] });
    const judgements = await db.judgement.findMany({ where: { runId: run.id }, select: { trajectoryId: true } });
    expect(judgements).toHaveLength(TASKS);
    expect(new Set(judgements.map((j) => j.trajectoryId)).size).toBe(TASKS);
  });
});
