import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../test/db";
import type { LlmRole, RunKind } from "./db/client";
import { saveDailyBudget } from "./jobs/budget";
import { seedTask, seedTrajectory } from "./judge/test-fixtures";
import { OUTSIDE_RUNS, spendSummary } from "./spend";

describe("where the money went", () => {
  let t: TestDb;
  const now = new Date("2026-12-05T15:00:00Z");
  beforeAll(async () => {
    t = await createTestDb();
  });

  const call = (role: LlmRole, costUsd: number, tokens: number, extra: { runId?: string; createdAt?: Date; cached?: boolean } = {}) =>
    t.db.llmCall.create({
      data: {
        role,
        provider: "openai",
        model: "m",
        endpoint: "http://x",
        requestHash: "h",
        status: "ok",
        costUsd,
        promptTokens: tokens,
        completionTokens: 0,
        createdAt: now,
        ...extra,
      },
    });
  const run = async (kind: RunKind) => (await t.db.run.create({ data: { kind, status: "succeeded" } })).id;

  it("is zero with no calls, and has no cost per accepted trajectory before one is accepted", async () => {
    expect(await spendSummary(t.db, now)).toEqual({
      costUsd: 0,
      tokens: 0,
      accepted: 0,
      costPerAccepted: null,
      byStage: [],
      byRole: [],
      today: { costUsd: 0, dailyBudgetUsd: null },
    });
  });

  it("sums the calls by the stage of their run and by role, and divides by the accepted trajectories", async () => {
    const simulate = await run("simulate");
    const simulateAgain = await run("simulate");
    const judge = await run("judge");
    await call("agent", 1.5, 1000, { runId: simulate });
    await call("user", 0.5, 400, { runId: simulate });
    await call("agent", 1, 600, { runId: simulateAgain });
    await call("judge", 2, 300, { runId: judge });
    await call("judge", 0, 0, { runId: judge, cached: true }); // a cache hit: no cost, not a call to the endpoint
    await call("generator", 0.25, 50, { createdAt: new Date("2026-12-04T23:59:59Z") }); // yesterday, by no run

    const ids = await seedTask(t.db);
    for (const verdict of ["accepted", "accepted", "rejected"] as const) {
      const id = await seedTrajectory(t.db, ids);
      await t.db.trajectory.update({ where: { id }, data: { effectiveVerdict: verdict } });
    }
    await seedTrajectory(t.db, ids); // not judged
    await saveDailyBudget(t.db, 20);

    const s = await spendSummary(t.db, now);
    expect(s.costUsd).toBeCloseTo(5.25, 9);
    expect(s.tokens).toBe(2350);
    expect(s.accepted).toBe(2);
    expect(s.costPerAccepted).toBeCloseTo(2.625, 9);
    expect(s.byStage).toEqual([
      { name: "simulate", costUsd: 3, tokens: 2000, calls: 3 },
      { name: "judge", costUsd: 2, tokens: 300, calls: 1 },
      { name: OUTSIDE_RUNS, costUsd: 0.25, tokens: 50, calls: 1 },
    ]);
    expect(s.byRole).toEqual([
      { name: "agent", costUsd: 2.5, tokens: 1600, calls: 2 },
      { name: "judge", costUsd: 2, tokens: 300, calls: 1 },
      { name: "user", costUsd: 0.5, tokens: 400, calls: 1 },
      { name: "generator", costUsd: 0.25, tokens: 50, calls: 1 },
    ]);
    // today (UTC) leaves out yesterday's call
    expect(s.today).toEqual({ costUsd: 5, dailyBudgetUsd: 20 });
  });
});
