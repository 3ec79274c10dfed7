import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../test/db";
import { dashboardData, funnelSteps, judgeHumanAgreement, pipelineCounts, recentRuns, RECENT_RUNS } from "./dashboard";
import type { Verdict } from "./db/client";
import { parseListFilter } from "./review/filter";
import { listTrajectories } from "./review/list";
import { makeAgentWorld, makeTrajectory, makeUser } from "./review/test-fixtures";
import { refreshVerdicts } from "./trajectory/verdict";

describe("dashboard", () => {
  let t: TestDb;
  const runIds: string[] = [];

  beforeAll(async () => {
    t = await createTestDb();
    const a = await makeAgentWorld(t.db);
    await makeAgentWorld(t.db); // 2 agents, 2 tasks, 4 tools in all
    const reviewer = await makeUser(t.db);
    const trajectory = async (judge: Verdict | null, human: Verdict | null) => {
      const id = await makeTrajectory(t.db, { judge: judge ? { verdict: judge, score: 0.5 } : undefined, row: { agentId: a.agent.id, taskId: a.task.id } });
      if (human) {
        await t.db.review.create({ data: { trajectoryId: id, reviewerId: reviewer.id, verdict: human } });
        await refreshVerdicts(t.db, id);
      }
    };
    // judge against person: 3 both accepted, 1 both rejected, 1 each way apart
    for (const [judge, human, times] of [
      ["accepted", "accepted", 3],
      ["rejected", "rejected", 1],
      ["accepted", "rejected", 1],
      ["rejected", "accepted", 1],
    ] as const) {
      for (let i = 0; i < times; i++) await trajectory(judge, human);
    }
    await trajectory(null, "accepted"); // labelled, never judged
    await trajectory("accepted", null);
    await trajectory("accepted", null);
    await trajectory("rejected", null);
    await trajectory(null, null);

    // ten runs a minute apart; the newest eight are shown
    for (let i = 0; i < 10; i++) {
      const run = await t.db.run.create({
        data: {
          kind: i % 2 ? "simulate" : "judge",
          status: i === 9 ? "running" : "succeeded",
          total: 10,
          done: i === 9 ? 4 : 10,
          failed: i === 9 ? 1 : 0,
          createdAt: new Date(Date.UTC(2026, 10, 1, 12, i)),
        },
      });
      runIds.push(run.id);
    }
  });

  it("counts every trajectory stage in one pass, and the funnel's nested steps", async () => {
    const c = await pipelineCounts(t.db);
    expect(c).toMatchObject({ realTools: 0, syntheticTools: 4, agents: 2, tasks: 2, trajectories: 11, activeRuns: 1 });
    // every verdict column: judged 9, effective accepted 7 (4 by people + 1 unjudged + 2 judge-only), labelled 7
    expect(c).toMatchObject({ judged: 9, accepted: 7, reviewed: 7, judgedAccepted: 6, judgedAcceptedReviewed: 4 });
  });

  it("builds the funnel with counts and step-to-step conversions", async () => {
    const steps = funnelSteps(await pipelineCounts(t.db));
    expect(steps.map((s) => [s.key, s.count])).toEqual([
      ["tools", 4],
      ["agents", 2],
      ["tasks", 2],
      ["trajectories", 11],
      ["judged", 9],
      ["accepted", 6],
      ["reviewed", 4],
    ]);
    expect(steps.map((s) => s.conversion)).toEqual([
      null,
      { kind: "per", ratio: 0.5, of: "tool" },
      { kind: "per", ratio: 1, of: "agent" },
      { kind: "per", ratio: 5.5, of: "task" },
      { kind: "share", ratio: 9 / 11, of: "trajectories" },
      { kind: "share", ratio: 6 / 9, of: "judged" },
      { kind: "share", ratio: 4 / 6, of: "accepted" },
    ]);
  });

  it("links each funnel step to a trajectory list that holds exactly its count", async () => {
    for (const step of funnelSteps(await pipelineCounts(t.db)).filter((s) => s.href.startsWith("/trajectories"))) {
      const query = step.href.split("?")[1] ?? "";
      expect((await listTrajectories(t.db, parseListFilter(query))).total, step.key).toBe(step.count);
    }
  });

  it("has no conversion where the step before is empty", async () => {
    const empty = await createTestDb();
    const steps = funnelSteps(await pipelineCounts(empty.db));
    expect(steps.every((s) => s.count === 0)).toBe(true);
    expect(steps.slice(1).map((s) => s.conversion?.ratio)).toEqual([null, null, null, null, null, null]);
    expect(await judgeHumanAgreement(empty.db)).toEqual({
      n: 0,
      accuracy: null,
      kappa: null,
      matrix: {
        labels: ["accepted", "rejected"],
        counts: [
          [0, 0],
          [0, 0],
        ],
      },
    });
    expect(await recentRuns(empty.db)).toEqual([]);
  });

  it("measures judge–human agreement on the trajectories both judged and labelled", async () => {
    const agreement = await judgeHumanAgreement(t.db);
    // po = 4/6, pe = (4/6)(4/6) + (2/6)(2/6) = 20/36, kappa = (24/36 − 20/36) / (16/36) = 0.25
    expect(agreement.n).toBe(6);
    expect(agreement.accuracy).toBeCloseTo(4 / 6, 12);
    expect(agreement.kappa).toBeCloseTo(0.25, 12);
    expect(agreement.matrix).toEqual({
      labels: ["accepted", "rejected"],
      counts: [
        [3, 1],
        [1, 1],
      ],
    });
  });

  it("lists the newest runs first with their progress", async () => {
    const runs = await recentRuns(t.db);
    expect(runs).toHaveLength(RECENT_RUNS);
    expect(runs.map((r) => r.id)).toEqual(runIds.slice(2).reverse());
    expect(runs[0]).toMatchObject({ kind: "simulate", status: "running", done: 4, failed: 1, total: 10, percent: 50 });
    expect(runs[1]).toMatchObject({ kind: "judge", status: "succeeded", percent: 100 });
  });

  it("reads everything the page shows at once", async () => {
    const data = await dashboardData(t.db);
    expect(data.counts.trajectories).toBe(11);
    expect(data.funnel).toHaveLength(7);
    expect(data.agreement.n).toBe(6);
    expect(data.runs).toHaveLength(RECENT_RUNS);
  });
});
