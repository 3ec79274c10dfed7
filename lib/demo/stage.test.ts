import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { reopenRun } from "../jobs/runs";
import { executeRun } from "../jobs/worker";
import { stages } from "../pipeline";

// The demo finds its child runs by their place in the plan; trial (noop) runs
// put there stand in for pipeline stages that fail, without running the pipeline.
describe("the demo run when a step fails", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  it("stops after the failed child run, and a retry of the demo recovers that child and goes on", async () => {
    const demo = await t.db.run.create({ data: { kind: "demo", config: { seed: 7 } } });
    const child = (step: number, failAt: number[]) =>
      t.db.run.create({ data: { kind: "noop", config: { steps: 2, delayMs: 0, failAt }, parentRunId: demo.id, parentStep: step } });
    const first = await child(0, [1]);
    const second = await child(1, [0, 1]);

    await executeRun(t.db, demo.id, { stages });
    const stopped = await t.db.run.findUniqueOrThrow({ where: { id: demo.id } });
    expect(stopped).toMatchObject({ status: "failed", done: 0, failed: 1 });
    expect(stopped.message).toMatch(/stopped after step 1 of \d+/);
    expect(await t.db.run.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ status: "queued" }); // never started

    // the cause is mended (the step no longer fails); retrying the demo reopens its failed child
    await t.db.run.update({ where: { id: first.id }, data: { config: { steps: 2, delayMs: 0, failAt: [] } } });
    expect(await reopenRun(t.db, demo.id)).toMatchObject({ ok: true });
    await executeRun(t.db, demo.id, { stages });
    expect(await t.db.run.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ status: "succeeded", done: 2, failed: 0 });
    const after = await t.db.run.findUniqueOrThrow({ where: { id: demo.id } });
    expect(after).toMatchObject({ status: "failed", done: 1, failed: 1 });
    expect(after.message).toMatch(/stopped after step 2 of \d+/);
  });
});
