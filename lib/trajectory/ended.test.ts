import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { selectionSchema } from "../datasets/config";
import { selectionWhere } from "../datasets/selection";
import { targetIds } from "../judge/targets";
import { listWhere } from "../review/filter";
import { finishTrajectory, startTrajectory } from "./store";

describe("trajectories of episodes that have not ended", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  it("are seen by neither the judge, the review list nor the export until their episode ends", async () => {
    const run = await t.db.run.create({ data: { kind: "simulate" } });
    const ended = await startTrajectory(t.db, { runId: run.id, tools: [] });
    await finishTrajectory(t.db, ended, { endReason: "agent_finished", tags: [] });
    const halfWritten = await startTrajectory(t.db, { runId: run.id, tools: [] }); // its episode failed mid-way
    const imported = (await t.db.trajectory.create({ data: { runId: run.id, imported: true }, select: { id: true } })).id;

    const seen = async () => ({
      judge: (await targetIds(t.db, { kind: "run", runId: run.id }, { configHash: "h", judgeRunId: "none" })).sort(),
      review: (await t.db.trajectory.findMany({ where: listWhere({ runId: run.id }), select: { id: true } })).map((r) => r.id).sort(),
      export: (await t.db.trajectory.findMany({ where: selectionWhere(selectionSchema.parse({ runIds: [run.id], verdict: "any" })), select: { id: true } }))
        .map((r) => r.id)
        .sort(),
    });
    const visible = [ended, imported].sort();
    expect(await seen()).toEqual({ judge: visible, review: visible, export: visible });

    await finishTrajectory(t.db, halfWritten, { endReason: "max_turns", tags: [] });
    const all = [ended, halfWritten, imported].sort();
    expect(await seen()).toEqual({ judge: all, review: all, export: all });
  });
});
