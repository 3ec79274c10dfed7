import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { runDetail, RUN_ITEMS_PAGE } from "./run-detail";
import { STAGE_TITLES, stageTitle } from "./stage-titles";
import { stages } from "../pipeline";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});

describe("stage titles", () => {
  it("every registered stage is titled from the one map, and the trial run is not called noop", () => {
    for (const [, stage] of stages) expect(stage.title).toBe(STAGE_TITLES[stage.kind]);
    expect(stageTitle("noop")).toBe("Trial run");
  });
});

describe("runDetail", () => {
  it("shows a run's items failed first with their errors, page by page, its spend by role and what it made", async () => {
    const run = await t.db.run.create({ data: { kind: "simulate", status: "partial", total: 60, done: 57, failed: 3, message: "x".repeat(500) } });
    await t.db.runItem.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({
        runId: run.id,
        key: `k-${String(i).padStart(2, "0")}`,
        status: i % 20 === 7 ? ("failed" as const) : ("done" as const),
        error: i % 20 === 7 ? `boom ${i}` : null,
        attempts: 1,
      })),
    });
    await t.db.llmCall.createMany({
      data: [
        {
          runId: run.id,
          role: "agent",
          provider: "p",
          model: "m1",
          endpoint: "e",
          requestHash: "a",
          promptTokens: 10,
          completionTokens: 5,
          costUsd: 0.5,
          status: "ok",
        },
        {
          runId: run.id,
          role: "agent",
          provider: "p",
          model: "m1",
          endpoint: "e",
          requestHash: "b",
          promptTokens: 1,
          completionTokens: 1,
          costUsd: 0.25,
          status: "ok",
        },
        {
          runId: run.id,
          role: "user",
          provider: "p",
          model: "m2",
          endpoint: "e",
          requestHash: "c",
          promptTokens: 3,
          completionTokens: 3,
          costUsd: 0.1,
          status: "ok",
        },
      ],
    });
    const agent = await t.db.agent.create({ data: { name: "Support desk", systemPrompt: "s", toolSetHash: `h-${run.id}` } });
    const task = await t.db.task.create({ data: { agentId: agent.id, goal: "Refund order 42", instruction: "i", difficulty: "single_call" } });
    await t.db.trajectory.create({ data: { runId: run.id, taskId: task.id, agentId: agent.id, endReason: "done" } });

    const first = await runDetail(t.db, run.id, { page: 1 });
    expect(first).not.toBeNull();
    expect(first!.title).toBe("Simulate episodes");
    expect(first!.progress.message).toHaveLength(500);
    expect(first!.itemCounts).toEqual({ pending: 0, done: 57, failed: 3 });
    expect(first!.pages).toBe(Math.ceil(60 / RUN_ITEMS_PAGE));
    expect(first!.items.slice(0, 3).map((i) => [i.key, i.error])).toEqual([
      ["k-07", "boom 7"],
      ["k-27", "boom 27"],
      ["k-47", "boom 47"],
    ]);
    expect(first!.items).toHaveLength(RUN_ITEMS_PAGE);
    const second = await runDetail(t.db, run.id, { page: 2 });
    expect(second!.items).toHaveLength(60 - RUN_ITEMS_PAGE);
    const failed = await runDetail(t.db, run.id, { page: 1, status: "failed" });
    expect(failed!.items.map((i) => i.key)).toEqual(["k-07", "k-27", "k-47"]);

    expect(first!.spend).toEqual([
      { role: "agent", model: "m1", calls: 2, promptTokens: 11, completionTokens: 6, costUsd: 0.75 },
      { role: "user", model: "m2", calls: 1, promptTokens: 3, completionTokens: 3, costUsd: 0.1 },
    ]);
    const trajectories = first!.outputs.find((o) => o.kind === "trajectories");
    expect(trajectories).toMatchObject({ count: 1, href: `/trajectories?runId=${run.id}`, items: [{ label: "Support desk: Refund order 42" }] });
    expect(await runDetail(t.db, "no-such-run", { page: 1 })).toBeNull();
  });

  it("names a judge run's judgements by the trajectory judged, not by its id", async () => {
    const agent = await t.db.agent.create({ data: { name: "Billing clerk", systemPrompt: "s", toolSetHash: "h-judged" } });
    const task = await t.db.task.create({ data: { agentId: agent.id, goal: "Explain invoice 7", instruction: "i", difficulty: "single_call" } });
    const trajectory = await t.db.trajectory.create({ data: { taskId: task.id, agentId: agent.id, endReason: "done" } });
    const run = await t.db.run.create({ data: { kind: "judge", status: "succeeded", total: 1, done: 1 } });
    await t.db.judgement.create({
      data: { runId: run.id, trajectoryId: trajectory.id, verdict: "accepted", score: 0.9, judgeModel: "m", promptVersion: "p", configHash: "c" },
    });
    const detail = await runDetail(t.db, run.id, { page: 1 });
    expect(detail!.outputs.find((o) => o.kind === "judgements")?.items).toEqual([
      { id: expect.any(String), label: "accepted · Billing clerk: Explain invoice 7", href: `/trajectories/${trajectory.id}` },
    ]);
  });
});

describe("runDetail's related runs", () => {
  it("a demo lists its step runs, and a step run lists its demo", async () => {
    const demo = await t.db.run.create({ data: { kind: "demo", status: "running" } });
    const step = await t.db.run.create({ data: { kind: "harvest", status: "succeeded", parentRunId: demo.id, parentStep: 0 } });
    await t.db.run.create({ data: { kind: "harvest", status: "succeeded" } }); // unrelated
    const query = { page: 1 };
    expect((await runDetail(t.db, demo.id, query))!.related).toEqual([{ id: step.id, title: stageTitle("harvest"), status: "succeeded" }]);
    expect((await runDetail(t.db, step.id, query))!.related).toEqual([{ id: demo.id, title: stageTitle("demo"), status: "running" }]);
  });
});
