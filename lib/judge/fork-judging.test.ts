import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../test/db";
import type { Db } from "../db/client";
import { executeRun } from "../jobs/worker";
import { stages } from "../pipeline";
import { createAgentWithTask } from "../simulation/testing/fixtures";

// A fork run, as the worker runs it from the registry on the offline
// provider, judges the forks it made, with the configuration that judged
// their parent.

describe("forks are judged like other simulated trajectories", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("a fork run ends with each fork judged, by the judge configuration that judged its parent", async () => {
    const { task } = await createAgentWithTask(db);
    const simulate = await db.run.create({ data: { kind: "simulate", config: { taskIds: [task.id] } } });
    await executeRun(db, simulate.id, { stages });
    const parent = await db.trajectory.findFirstOrThrow({ where: { runId: simulate.id } });
    const filter = { requiredLayers: ["rules"] };
    const judgeParent = await db.run.create({ data: { kind: "judge", config: { target: { kind: "ids", ids: [parent.id] }, filter } } });
    await executeRun(db, judgeParent.id, { stages });
    expect(await db.judgement.count({ where: { trajectoryId: parent.id } })).toBe(1);

    const forkRun = await db.run.create({ data: { kind: "simulate", config: { forks: [{ trajectoryId: parent.id, atStep: 2, seed: 5 }], concurrency: 1 } } });
    await executeRun(db, forkRun.id, { stages });
    expect(await db.run.findUniqueOrThrow({ where: { id: forkRun.id } })).toMatchObject({ status: "succeeded" });
    const fork = await db.trajectory.findFirstOrThrow({ where: { runId: forkRun.id, parentId: parent.id } });
    expect(fork.judgeVerdict).not.toBeNull();
    expect(fork.effectiveVerdict).toBe(fork.judgeVerdict);

    const judgeRuns = await db.run.findMany({ where: { kind: "judge", config: { path: ["forkRunId"], equals: forkRun.id } } });
    expect(judgeRuns).toHaveLength(1);
    expect(judgeRuns[0]).toMatchObject({ status: "succeeded", createdById: forkRun.createdById });
    expect(judgeRuns[0].config).toMatchObject({ target: { kind: "run", runId: forkRun.id }, filter });
    const judgement = await db.judgement.findFirstOrThrow({ where: { trajectoryId: fork.id } });
    expect(judgement.runId).toBe(judgeRuns[0].id);
    // the parent's own judgement is untouched
    expect(await db.judgement.count({ where: { trajectoryId: parent.id } })).toBe(1);
  });

  it("a plain simulate run judges nothing on its own", async () => {
    const { task } = await createAgentWithTask(db);
    const simulate = await db.run.create({ data: { kind: "simulate", config: { taskIds: [task.id] } } });
    await executeRun(db, simulate.id, { stages });
    const made = await db.trajectory.findFirstOrThrow({ where: { runId: simulate.id } });
    expect(made.judgeVerdict).toBeNull();
  });
});
