import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { loadLineage } from "./lineage";
import { lineageSettled } from "./lineage-view";
import { makeTrajectory } from "./test-fixtures";

describe("a trajectory's lineage for the Forks panel", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  it("lists forks with their run's status and the fork runs a page waits for, and is settled once every run ended", async () => {
    const parent = await makeTrajectory(t.db);
    const forkRun = await t.db.run.create({ data: { kind: "simulate", status: "running", config: {} } });
    const waiting = await t.db.run.create({ data: { kind: "simulate", status: "queued", config: {} } });
    const fork = await makeTrajectory(t.db, { row: { parentId: parent, forkedAtStep: 2, seed: 3, runId: forkRun.id } });

    const lineage = await loadLineage(t.db, parent, [waiting.id, "no-such-run"]);
    expect(lineage).toMatchObject({
      id: parent,
      parent: null,
      forks: [{ id: fork, forkedAtStep: 2, seed: 3, runId: forkRun.id, runStatus: "running", effectiveVerdict: null }],
      runs: [{ id: waiting.id, status: "queued" }],
    });
    expect(lineageSettled(lineage!)).toBe(false);

    await t.db.run.updateMany({ where: { id: { in: [forkRun.id, waiting.id] } }, data: { status: "succeeded" } });
    expect(lineageSettled((await loadLineage(t.db, parent, [waiting.id]))!)).toBe(true);
    expect(await loadLineage(t.db, fork)).toMatchObject({ parent: { id: parent }, forkedAtStep: 2, forks: [], runs: [] });
    expect(await loadLineage(t.db, "no-such-trajectory")).toBeNull();
  });
});
