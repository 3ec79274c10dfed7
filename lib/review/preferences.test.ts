import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { comparableEpisodes, latestPreferences, listPreferences, pairProblem, recordPreference } from "./preferences";
import { makeAgentWorld, makeTrajectory, makeUser } from "./test-fixtures";

describe("preference labels", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  it("a fork and its parent get a preference with a reason, appended, author and time kept, in either order", async () => {
    const parent = await makeTrajectory(t.db);
    const fork = await makeTrajectory(t.db, { text: "What is the weather in Lyon tomorrow?", row: { parentId: parent, forkedAtStep: 1 } });
    const [ann, bob] = [await makeUser(t.db), await makeUser(t.db)];

    const first = await recordPreference(t.db, ann.id, { aId: fork, bId: parent, choice: "a", reason: "the fork asks which day before calling" });
    expect(first.ok).toBe(true);
    // seen from the other side, Ann preferred B
    const [seen] = await listPreferences(t.db, parent, fork);
    expect(seen).toMatchObject({ choice: "b", reason: "the fork asks which day before calling", reviewer: { id: ann.id } });
    expect(seen.createdAt).toBeInstanceOf(Date);

    // a second opinion is appended; the first is kept as it was
    await recordPreference(t.db, bob.id, { aId: parent, bId: fork, choice: "tie", reason: "both answer" });
    expect((await listPreferences(t.db, fork, parent)).map((p) => [p.reviewer.id, p.choice])).toEqual([
      [bob.id, "tie"],
      [ann.id, "a"],
    ]);
    const latest = (await latestPreferences(t.db)).filter((p) => [p.aId, p.bId].includes(fork));
    expect(latest).toHaveLength(1);
    expect(latest[0]).toMatchObject({ choice: "tie", reviewerId: bob.id });
  });

  it("two ended episodes of one task make a pair; unrelated, unfinished or identical ones do not", async () => {
    const world = await makeAgentWorld(t.db);
    const [one, two] = [await makeTrajectory(t.db, { row: { taskId: world.task.id } }), await makeTrajectory(t.db, { row: { taskId: world.task.id } })];
    const elsewhere = await makeTrajectory(t.db);
    const running = await makeTrajectory(t.db, { row: { taskId: world.task.id, endReason: "" } });
    const me = await makeUser(t.db);

    expect(await pairProblem(t.db, one, two)).toBeNull();
    expect(await recordPreference(t.db, me.id, { aId: one, bId: two, choice: "b", reason: "shorter" })).toMatchObject({ ok: true });
    expect(await recordPreference(t.db, me.id, { aId: one, bId: elsewhere, choice: "a", reason: "x" })).toEqual({
      ok: false,
      error: "A preference compares a fork with its parent, or two episodes of the same task.",
    });
    expect(await recordPreference(t.db, me.id, { aId: one, bId: running, choice: "a", reason: "x" })).toEqual({
      ok: false,
      error: "Both episodes must have ended before one can be preferred.",
    });
    expect(await recordPreference(t.db, me.id, { aId: one, bId: one, choice: "a", reason: "x" })).toEqual({
      ok: false,
      error: "A trajectory cannot be compared with itself.",
    });
    expect(await recordPreference(t.db, me.id, { aId: one, bId: "gone", choice: "a", reason: "x" })).toEqual({
      ok: false,
      error: "One of the trajectories no longer exists.",
    });
    await expect(recordPreference(t.db, me.id, { aId: one, bId: two, choice: "b", reason: "  " })).rejects.toThrow(/Say why/);
    await expect(recordPreference(t.db, me.id, { aId: one, bId: two, choice: "better" as "a", reason: "x" })).rejects.toThrow();
    expect(await t.db.preference.count({ where: { OR: [{ aId: one }, { bId: one }] } })).toBe(1);

    // what Compare offers beside `one`: its task's other ended episodes, a fork of it first
    const fork = await makeTrajectory(t.db, { row: { parentId: one, forkedAtStep: 1 } });
    expect((await comparableEpisodes(t.db, one)).map((e) => [e.id, e.relation])).toEqual([
      [fork, "fork"],
      [two, "same task"],
    ]);
    expect((await comparableEpisodes(t.db, fork)).map((e) => [e.id, e.relation])).toEqual([[one, "parent"]]);
  });
});
