import type { PgBoss } from "pg-boss";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { runBulkAction } from "./bulk";
import { makeTrajectory, makeUser } from "./test-fixtures";

describe("bulk actions", () => {
  let t: TestDb;
  const sent: unknown[] = [];
  // only what startRun uses of the queue: the job it would send
  const boss = async () => ({ send: async (_q: string, data: unknown) => (sent.push(data), "job") }) as unknown as PgBoss;

  beforeAll(async () => {
    t = await createTestDb();
  });

  it("accept and reject append one review each and refresh every verdict", async () => {
    const ids = [await makeTrajectory(t.db, { judge: { verdict: "rejected", score: 0.1 } }), await makeTrajectory(t.db)];
    const me = await makeUser(t.db);
    expect(await runBulkAction(t.db, { boss }, me.id, { action: "accept", ids: [...ids, ids[0], "gone"] })).toMatchObject({
      ok: true,
      message: "Marked 2 trajectories accepted",
    });
    const rows = await t.db.trajectory.findMany({ where: { id: { in: ids } }, select: { effectiveVerdict: true, humanVerdict: true } });
    expect(rows).toEqual([
      { effectiveVerdict: "accepted", humanVerdict: "accepted" },
      { effectiveVerdict: "accepted", humanVerdict: "accepted" },
    ]);
    await runBulkAction(t.db, { boss }, me.id, { action: "reject", ids: [ids[0]], note: "spot check" });
    expect(await t.db.review.count({ where: { trajectoryId: ids[0] } })).toBe(2);
    expect((await t.db.trajectory.findUniqueOrThrow({ where: { id: ids[0] } })).effectiveVerdict).toBe("rejected");
  });

  it("adds a tag once, keeping the others", async () => {
    const ids = [await makeTrajectory(t.db, { row: { tags: ["a"] } }), await makeTrajectory(t.db, { row: { tags: ["gold"] } })];
    const me = await makeUser(t.db);
    expect(await runBulkAction(t.db, { boss }, me.id, { action: "tag", ids, tag: "gold" })).toEqual({ ok: true, message: "Tagged 1 trajectory “gold”" });
    expect((await t.db.trajectory.findMany({ where: { id: { in: ids } }, orderBy: { createdAt: "asc" } })).map((r) => r.tags)).toEqual([
      ["a", "gold"],
      ["gold"],
    ]);
    expect(await runBulkAction(t.db, { boss }, me.id, { action: "tag", ids, tag: "not a tag" })).toMatchObject({ ok: false });
  });

  it("re-judge queues a judge run over exactly the selection", async () => {
    const ids = [await makeTrajectory(t.db), await makeTrajectory(t.db)];
    const me = await makeUser(t.db, "admin");
    const res = await runBulkAction(t.db, { boss }, me.id, { action: "rejudge", ids });
    expect(res).toMatchObject({ ok: true, message: "Re-judging 2 trajectories" });
    const run = await t.db.run.findUniqueOrThrow({ where: { id: res.ok ? res.runId! : "" } });
    expect(run).toMatchObject({ kind: "judge", status: "queued", createdById: me.id });
    expect((run.config as { target: unknown }).target).toEqual({ kind: "ids", ids });
    expect(sent).toEqual([{ runId: run.id }]);
  });

  it("export queues an export run of exactly the selection, whatever its verdict", async () => {
    const ids = [await makeTrajectory(t.db, { judge: { verdict: "rejected", score: 0.1 } }), await makeTrajectory(t.db)];
    const me = await makeUser(t.db, "admin");
    const res = await runBulkAction(t.db, { boss }, me.id, { action: "export", ids: [...ids, ids[1]], name: "picked-by-hand", format: "trl" });
    expect(res).toMatchObject({ ok: true, message: "Exporting 2 trajectories to dataset “picked-by-hand”" });
    const run = await t.db.run.findUniqueOrThrow({ where: { id: res.ok ? res.runId! : "" } });
    expect(run).toMatchObject({ kind: "export", status: "queued", createdById: me.id });
    expect(run.config).toMatchObject({ name: "picked-by-hand", format: "trl", filter: { verdict: "any", ids } });
    expect(await runBulkAction(t.db, { boss }, me.id, { action: "export", ids, name: "../etc", format: "openai" })).toMatchObject({ ok: false });
  });

  it("keeps the note with each review and undoes a bulk accept by appending the verdicts from before", async () => {
    const me = await makeUser(t.db);
    const judgedRejected = await makeTrajectory(t.db, { judge: { verdict: "rejected", score: 0.1 } });
    const reviewedRejected = await makeTrajectory(t.db, { judge: { verdict: "accepted", score: 0.9 } });
    const judgedAccepted = await makeTrajectory(t.db, { judge: { verdict: "accepted", score: 0.9 } });
    const neverJudged = await makeTrajectory(t.db);
    const reviewedAgain = await makeTrajectory(t.db, { judge: { verdict: "rejected", score: 0.1 } });
    await runBulkAction(t.db, { boss }, me.id, { action: "reject", ids: [reviewedRejected], note: "first look" });
    const ids = [judgedRejected, reviewedRejected, judgedAccepted, neverJudged, reviewedAgain];
    const before = await t.db.review.count();

    const done = await runBulkAction(t.db, { boss }, me.id, { action: "accept", ids, note: "spot-checked the weather batch" });
    expect(done).toMatchObject({ ok: true, message: "Marked 5 trajectories accepted", undo: { batchId: expect.any(String) } });
    const batch = await t.db.review.findMany({ where: { trajectoryId: { in: ids }, note: "spot-checked the weather batch" } });
    expect(batch).toHaveLength(5);
    expect(new Set(batch.map((r) => r.batchId)).size).toBe(1);
    // someone reviews one of them again before the undo
    await runBulkAction(t.db, { boss }, me.id, { action: "reject", ids: [reviewedAgain], note: "looked closer" });

    const undoneBy = await makeUser(t.db);
    const batchId = done.ok ? done.undo!.batchId : "";
    expect(await runBulkAction(t.db, { boss }, undoneBy.id, { action: "undo", batchId })).toEqual({
      ok: false,
      error: "Only the reviewer who made a bulk review can undo it",
    });
    const undone = await runBulkAction(t.db, { boss }, me.id, { action: "undo", batchId });
    expect(undone).toEqual({
      ok: true,
      message:
        "Restored the earlier verdict of 2 trajectories; 1 trajectory kept the verdict they had before; 1 trajectory reviewed again since, left as they are; 1 trajectory had no verdict before and keep this one",
    });
    const verdicts = async () =>
      Object.fromEntries(
        (await t.db.trajectory.findMany({ where: { id: { in: ids } }, select: { id: true, effectiveVerdict: true } })).map((r) => [r.id, r.effectiveVerdict]),
      );
    expect(await verdicts()).toEqual({
      [judgedRejected]: "rejected",
      [reviewedRejected]: "rejected",
      [judgedAccepted]: "accepted",
      [neverJudged]: "accepted",
      [reviewedAgain]: "rejected",
    });
    // nothing was deleted: the bulk accept, the later review and the two restoring reviews are all there
    expect(await t.db.review.count()).toBe(before + 5 + 1 + 2);
    const restoring = await t.db.review.findMany({ where: { trajectoryId: judgedRejected }, orderBy: { createdAt: "asc" } });
    expect(restoring.map((r) => r.verdict)).toEqual(["accepted", "rejected"]);
    expect(restoring[1].note).toContain(batchId);
    // undoing twice changes nothing more
    expect(await runBulkAction(t.db, { boss }, me.id, { action: "undo", batchId })).toMatchObject({
      ok: true,
      message: expect.stringMatching(/^Restored the earlier verdict of 0 trajectories/),
    });
  });

  it("refuses an empty selection", async () => {
    const me = await makeUser(t.db);
    expect(await runBulkAction(t.db, { boss }, me.id, { action: "accept", ids: [] })).toMatchObject({
      ok: false,
      error: "ids: Select at least one trajectory",
      fieldErrors: { ids: "Select at least one trajectory" },
    });
  });
});
