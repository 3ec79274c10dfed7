import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { createStageContext } from "../jobs/context";
import { judgeStageConfigSchema } from "./config";
import { createJudgeStage } from "./stage";
import { passReply, scriptedGateway, seedTask, seedTrajectory } from "./test-fixtures";

describe("judge stage", () => {
  let t: TestDb;
  let simRunId: string;
  let simulated: string[];
  let other: string;
  const scripted = scriptedGateway(() => passReply(["answer"]));
  const stage = createJudgeStage(() => ({ gateway: scripted.gateway, sandbox: null }));

  beforeAll(async () => {
    t = await createTestDb();
    const ids = await seedTask(t.db);
    simRunId = (await t.db.run.create({ data: { kind: "simulate", status: "succeeded" } })).id;
    simulated = [];
    for (let i = 0; i < 5; i++) simulated.push(await seedTrajectory(t.db, { ...ids, runId: simRunId }));
    other = await seedTrajectory(t.db, ids);
  });

  async function runJudge(config: object, signal = new AbortController().signal) {
    const parsed = judgeStageConfigSchema.parse(config);
    const run = await t.db.run.create({ data: { kind: "judge", status: "running", config: parsed as object } });
    await stage.run(createStageContext(t.db, run, signal), parsed);
    return t.db.run.findUniqueOrThrow({ where: { id: run.id } });
  }

  it("judges every trajectory of a simulate run, with progress and the run on each judgement", async () => {
    const run = await runJudge({ target: { kind: "run", runId: simRunId }, concurrency: 3 });
    expect(run).toMatchObject({ total: 5, done: 5, failed: 0 });
    const judged = await t.db.judgement.findMany({ where: { runId: run.id } });
    expect(judged.map((j) => j.trajectoryId).sort()).toEqual([...simulated].sort());
    expect(await t.db.runItem.count({ where: { runId: run.id, status: "done" } })).toBe(5);
  });

  it("'unjudged' takes only what this configuration has not judged; another configuration judges everything again", async () => {
    const first = await runJudge({ target: { kind: "unjudged" } });
    expect(first.total).toBe(1);
    expect(await t.db.judgement.findFirst({ where: { runId: first.id } })).toMatchObject({ trajectoryId: other });
    expect((await runJudge({ target: { kind: "unjudged" } })).total).toBe(0);
    expect((await runJudge({ target: { kind: "unjudged", anyConfig: true } })).total).toBe(0);
    const stricter = await runJudge({ target: { kind: "unjudged" }, filter: { minScore: 0.95 } });
    expect(stricter.total).toBe(6);
  });

  it("a resumed run skips what it had judged and keeps its total", async () => {
    const parsed = judgeStageConfigSchema.parse({ target: { kind: "unjudged" }, rubric: { seed: 42 } });
    const run = await t.db.run.create({ data: { kind: "judge", status: "running", config: parsed as object } });
    const ctrl = new AbortController();
    const ctx = createStageContext(t.db, run, ctrl.signal);
    // Cancel after two trajectories, as a crash or a cancel would stop it midway.
    let seen = 0;
    const stopping = createJudgeStage(() => ({
      gateway: {
        info: scripted.gateway.info,
        structured: ((role, request, callCtx) => {
          if (++seen === 2) ctrl.abort();
          return scripted.gateway.structured(role, request, callCtx);
        }) as typeof scripted.gateway.structured,
      },
      sandbox: null,
    }));
    await stopping.run(ctx, { ...parsed, concurrency: 1 }).catch(() => {});
    const midway = await t.db.runItem.count({ where: { runId: run.id, status: "done" } });
    expect(midway).toBeGreaterThanOrEqual(1);
    expect(midway).toBeLessThan(6);
    await stage.run(createStageContext(t.db, run, new AbortController().signal), parsed);
    const after = await t.db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(after).toMatchObject({ total: 6, done: 6 });
    expect(await t.db.judgement.count({ where: { runId: run.id } })).toBe(6);
  });

  it("explicit ids are judged, ids that do not exist are left out; a judge that cannot be reached fails the run", async () => {
    const run = await runJudge({ target: { kind: "ids", ids: [other, "missing"] } });
    expect(run).toMatchObject({ total: 1, done: 1, failed: 0 });
    const broken = createJudgeStage(() => ({ gateway: { ...scripted.gateway, info: () => Promise.reject(new Error("no judge")) }, sandbox: null }));
    const parsed = judgeStageConfigSchema.parse({ target: { kind: "ids", ids: [other] } });
    const r = await t.db.run.create({ data: { kind: "judge", status: "running" } });
    await expect(broken.run(createStageContext(t.db, r, new AbortController().signal), parsed)).rejects.toThrow(/no judge/);
  });

  it("a filter target selects by the trajectory's columns", async () => {
    const run = await runJudge({ target: { kind: "filter", filter: { runId: simRunId, judgeVerdict: "accepted" } }, limit: 2 });
    expect(run.total).toBe(2);
    expect(() => judgeStageConfigSchema.parse({ target: { kind: "filter", filter: { bogus: 1 } } })).toThrow();
  });
});
