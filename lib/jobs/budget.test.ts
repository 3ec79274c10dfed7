import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, urlWithSchema, type TestDb } from "../../test/db";
import type { Db } from "../db/client";
import { seedTask, seedTrajectory } from "../judge/test-fixtures";
import { saveRoleOverrides } from "../llm/config";
import { startOpenAiTestServer, type OpenAiTestServer } from "../llm/testing/openai-server";
import { cancelRun, startRun } from "./runs";
import { isParked, resumeParkedRuns, saveDailyBudget, setRunBudget, spentToday } from "./budget";
import { startQueue } from "./queue";
import { executeRun } from "./worker";
import { usd } from "../money";
import { stages } from "../pipeline";

const runOf = (db: Db, id: string) => db.run.findUniqueOrThrow({ where: { id } });

/** The run once its counters hold every LlmCall row of it (the call log is written behind the calls). */
async function settled(db: Db, id: string) {
  for (let i = 0; ; i++) {
    // the call log and the run's counters are written in batches: wait until both have this run's calls
    const [run, calls] = await Promise.all([runOf(db, id), db.llmCall.aggregate({ where: { runId: id }, _sum: { costUsd: true }, _count: true })]);
    if ((calls._count > 0 && run.costUsd > 0 && Math.abs((calls._sum.costUsd ?? 0) - run.costUsd) < 1e-9) || i > 50) return run;
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Calls priced so that each one costs something: $1,000 per million prompt tokens, $2,000 per million completion tokens.
async function priceTestModel(db: Db) {
  await db.modelPrice.create({ data: { model: "test-model", inputPerMillionUsd: 1_000, outputPerMillionUsd: 2_000 } });
}

describe("a run's budget", () => {
  let t: TestDb;
  let boss: PgBoss;
  let server: OpenAiTestServer;
  const trajectories = 6;
  beforeAll(async () => {
    t = await createTestDb();
    boss = await startQueue(urlWithSchema(t.url, t.schema), { schema: t.schema, supervise: false });
    // a fast endpoint: the cap holds although the call log is written behind the calls
    server = await startOpenAiTestServer({ latencyMs: 0 });
    await saveRoleOverrides(t.db, { judge: { provider: "openai", baseUrl: server.url, model: "test-model" } });
    await priceTestModel(t.db);
    const ids = await seedTask(t.db);
    for (let i = 0; i < trajectories; i++) await seedTrajectory(t.db, ids);
  });
  afterAll(async () => {
    await boss?.stop({ graceful: false, timeout: 2000 });
    await server?.close();
  });

  it("stops a judge run at its cap with the reason, and a higher cap resumes it to completion", { timeout: 90_000 }, async () => {
    const started = await startRun(t.db, boss, {
      kind: "judge",
      config: { target: { kind: "unjudged" }, concurrency: 1, cache: false },
      budget: { usd: 0.05 },
    });
    if (!started.ok) throw new Error(started.error);
    await executeRun(t.db, started.runId, { stages });

    // the call log and the run's counters are written a moment after the calls
    const stopped = await settled(t.db, started.runId);
    expect(stopped).toMatchObject({ status: "paused", heartbeatAt: null, failed: 0, finishedAt: null });
    // the reason counts what the items in progress spent after the cap was reached
    expect(stopped.pausedReason).toContain(`${usd(stopped.costUsd)} of $0.0500`);
    expect(isParked(stopped)).toBe(true);
    expect(stopped.pausedReason).toMatch(/^run budget reached: \$0\.\d{4} of \$0\.0500 spent; raise the run's budget to resume$/);
    expect(stopped.done).toBeGreaterThan(0);
    expect(stopped.done).toBeLessThan(trajectories);
    expect(stopped.costUsd).toBeGreaterThanOrEqual(0.05);
    // the overrun: at most the item in progress when the cap was reached (one at concurrency 1)
    const perItem = await t.db.llmCall.groupBy({ by: ["trajectoryId"], where: { runId: started.runId }, _sum: { costUsd: true } });
    const mostPerItem = Math.max(...perItem.map((g) => g._sum.costUsd ?? 0));
    expect(mostPerItem).toBeGreaterThan(0);
    expect(stopped.costUsd - 0.05).toBeLessThanOrEqual(mostPerItem + 1e-9);
    // the Run's counters are the LlmCall rows' sum
    const calls = await t.db.llmCall.aggregate({ where: { runId: started.runId }, _sum: { costUsd: true } });
    expect(calls._sum.costUsd).toBeCloseTo(stopped.costUsd, 9);

    // a cap that is still reached does not resume it
    const same = await setRunBudget(t.db, boss, started.runId, { usd: 0.05 });
    expect(same).toMatchObject({ ok: true, resumed: false, waiting: expect.stringMatching(/^run budget reached/) });
    expect((await runOf(t.db, started.runId)).status).toBe("paused");

    const raised = await setRunBudget(t.db, boss, started.runId, { usd: 100 });
    expect(raised).toEqual({ ok: true, resumed: true, waiting: null });
    expect(await runOf(t.db, started.runId)).toMatchObject({ status: "queued", pausedReason: null, budgetUsd: 100 });
    await executeRun(t.db, started.runId, { stages });
    const finished = await runOf(t.db, started.runId);
    expect(finished).toMatchObject({ status: "succeeded", done: trajectories, failed: 0, pausedReason: null });
    // every trajectory judged once: the stop lost nothing and redid nothing
    expect(await t.db.judgement.count({ where: { runId: started.runId } })).toBe(trajectories);
  });

  it("a token cap stops a run too; items in progress finish and the reason counts them; a parked run is cancelled at once", { timeout: 60_000 }, async () => {
    const started = await startRun(t.db, boss, {
      kind: "judge",
      // concurrency 2 keeps 4 trajectories in progress
      config: { target: { kind: "unjudged", anyConfig: false }, concurrency: 2, cache: false, filter: { minScore: 0.99 } },
      budget: { tokens: 1 },
    });
    if (!started.ok) throw new Error(started.error);
    await executeRun(t.db, started.runId, { stages });
    const stopped = await settled(t.db, started.runId);
    expect(stopped.status).toBe("paused");
    // the first 4 start before anything is spent and all finish; the fifth is refused
    expect(stopped).toMatchObject({ done: 4, failed: 0 });
    const tokens = stopped.promptTokens + stopped.completionTokens;
    expect(stopped.pausedReason).toBe(`run budget reached: ${tokens.toLocaleString("en")} of 1 tokens used; raise the run's budget to resume`);
    expect(await cancelRun(t.db, started.runId)).toBe(true);
    expect((await runOf(t.db, started.runId)).status).toBe("cancelled");
  });

  it("refuses a budget that is not a positive amount", async () => {
    expect(await startRun(t.db, boss, { kind: "noop", config: {}, budget: { usd: -1 } })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/budget\.usd/),
    });
    expect(await startRun(t.db, boss, { kind: "noop", config: {}, budget: { usd: "", tokens: "1.5" } })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/budget\.tokens/),
    });
  });

  it("takes a budget as a start form types it: blank is no cap", async () => {
    const started = await startRun(t.db, boss, { kind: "noop", config: {}, budget: { usd: " 2.5", tokens: "" } });
    if (!started.ok) throw new Error(started.error);
    expect(await runOf(t.db, started.runId)).toMatchObject({ budgetUsd: 2.5, budgetTokens: null });
  });
});

describe("the workspace's daily budget", () => {
  let t: TestDb;
  let boss: PgBoss;
  beforeAll(async () => {
    t = await createTestDb();
    boss = await startQueue(urlWithSchema(t.url, t.schema), { schema: t.schema, supervise: false });
  });
  afterAll(async () => boss?.stop({ graceful: false, timeout: 2000 }));

  const spend = (costUsd: number, createdAt = new Date()) =>
    t.db.llmCall.create({ data: { role: "judge", provider: "openai", model: "m", endpoint: "http://x", requestHash: "h", status: "ok", costUsd, createdAt } });

  it("pauses every run once the day's spend reaches it; raising it, or a new day, resumes them", { timeout: 60_000 }, async () => {
    const yesterday = new Date(Date.now() - 86_400_000);
    await spend(50, yesterday); // another day's spend does not count
    await spend(3);
    expect(await spentToday(t.db)).toBe(3);
    await saveDailyBudget(t.db, 3);

    const runs = await Promise.all([0, 1].map(() => startRun(t.db, boss, { kind: "noop", config: { steps: 3, delayMs: 0 } })));
    for (const r of runs) {
      if (!r.ok) throw new Error(r.error);
      await executeRun(t.db, r.runId, { stages });
      const paused = await runOf(t.db, r.runId);
      expect(paused).toMatchObject({ status: "paused", done: 0, heartbeatAt: null });
      expect(paused.pausedReason).toBe("daily budget reached: $3.00 of $3.00 spent today; resumes at 00:00 UTC or when an admin raises it");
    }
    const [a, b] = runs.map((r) => (r.ok ? r.runId : ""));

    // the same day, the same cap: nothing resumes
    expect(await resumeParkedRuns(t.db, boss)).toBe(0);
    // the next day the day's spend starts from zero
    const tomorrow = new Date(Date.now() + 86_400_000);
    expect(await resumeParkedRuns(t.db, boss, tomorrow)).toBe(2);
    expect((await runOf(t.db, a)).status).toBe("queued");

    // back to today: the first run is worked again and parks again; raising the cap resumes it
    await executeRun(t.db, a, { stages });
    expect((await runOf(t.db, a)).status).toBe("paused");
    await saveDailyBudget(t.db, 10);
    expect(await resumeParkedRuns(t.db, boss)).toBe(1);
    await executeRun(t.db, a, { stages });
    await executeRun(t.db, b, { stages });
    expect(await runOf(t.db, a)).toMatchObject({ status: "succeeded", done: 3 });
    expect(await runOf(t.db, b)).toMatchObject({ status: "succeeded", done: 3 });

    // no cap at all
    await saveDailyBudget(t.db, null);
    await spend(1_000);
    const free = await startRun(t.db, boss, { kind: "noop", config: { steps: 2, delayMs: 0 } });
    if (!free.ok) throw new Error(free.error);
    await executeRun(t.db, free.runId, { stages });
    expect((await runOf(t.db, free.runId)).status).toBe("succeeded");
  });
});
