import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { calibrate } from "../judge/calibration";
import { Refusal } from "../actions/result";
import { adjudicate, listDisagreements } from "./adjudication";
import { labelTrajectory } from "./label";
import { claimNext, createQueue } from "./queues";
import { makeTrajectory, makeUser } from "./test-fixtures";

describe("adjudication", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  it("lists reviewer and judge disagreements; the adjudicator's label becomes the human verdict and stays it", async () => {
    const [ann, bob, boss] = [await makeUser(t.db), await makeUser(t.db), await makeUser(t.db, "admin")];
    const split = await makeTrajectory(t.db, { judge: { verdict: "accepted", score: 0.9 } });
    const judgeOff = await makeTrajectory(t.db, { judge: { verdict: "accepted", score: 0.9 } });
    const agreed = await makeTrajectory(t.db, { judge: { verdict: "accepted", score: 0.9 } });
    await labelTrajectory(t.db, ann.id, { trajectoryId: split, verdict: "accepted", note: "fine" });
    await labelTrajectory(t.db, bob.id, { trajectoryId: split, verdict: "rejected", note: "wrong city", criteria: { answered: 0 } });
    await labelTrajectory(t.db, ann.id, { trajectoryId: judgeOff, verdict: "rejected" });
    await labelTrajectory(t.db, bob.id, { trajectoryId: judgeOff, verdict: "rejected" });
    await labelTrajectory(t.db, ann.id, { trajectoryId: agreed, verdict: "accepted" });

    const { items, total } = await listDisagreements(t.db);
    expect(total).toBe(2);
    expect(items.map((i) => [i.trajectoryId, i.reason, i.majority])).toEqual([
      [split, "reviewers", null],
      [judgeOff, "judge", "rejected"],
    ]);
    expect(items[0].labels.map((l) => [l.reviewerName, l.verdict, l.note])).toEqual([
      [ann.name, "accepted", "fine"],
      [bob.name, "rejected", "wrong city"],
    ]);
    expect(items[0].labels[1].criteria).toEqual({ answered: 0 });

    // Bob labelled last, so without adjudication his rejection is the human verdict
    expect(await t.db.trajectory.findUniqueOrThrow({ where: { id: split } })).toMatchObject({ humanVerdict: "rejected", effectiveVerdict: "rejected" });
    const { reviewId } = await adjudicate(t.db, boss.id, { trajectoryId: split, verdict: "accepted", note: "the city was right" });
    expect(await t.db.review.findUniqueOrThrow({ where: { id: reviewId } })).toMatchObject({ adjudication: true, reviewerId: boss.id, verdict: "accepted" });
    expect(await t.db.trajectory.findUniqueOrThrow({ where: { id: split } })).toMatchObject({ humanVerdict: "accepted", effectiveVerdict: "accepted" });
    // calibration measures the judge against the adjudicated verdict too
    const [config] = await calibrate(t.db);
    expect(config.verdict.disagreeing).toEqual([judgeOff]);

    // resolved: off the open list, on the full one; a later ordinary label does not overturn the adjudication
    expect((await listDisagreements(t.db)).items.map((i) => i.trajectoryId)).toEqual([judgeOff]);
    expect((await listDisagreements(t.db, { resolved: true })).items.find((i) => i.trajectoryId === split)?.resolved).toMatchObject({
      verdict: "accepted",
      by: boss.name,
    });
    await labelTrajectory(t.db, bob.id, { trajectoryId: split, verdict: "rejected", note: "still no" });
    expect(await t.db.trajectory.findUniqueOrThrow({ where: { id: split } })).toMatchObject({ humanVerdict: "accepted" });
    // … but it does bring the item back to the list, as disagreeing again after the adjudication
    expect((await listDisagreements(t.db)).items.map((i) => i.trajectoryId)).toContain(split);
    // every review is kept
    expect(await t.db.review.count({ where: { trajectoryId: split } })).toBe(4);
  });

  it("waits until every reviewer of a blind queue has labelled", async () => {
    const [ann, bob, boss] = [await makeUser(t.db), await makeUser(t.db), await makeUser(t.db, "admin")];
    const id = await makeTrajectory(t.db, { judge: { verdict: "accepted", score: 0.9 }, row: { tags: ["blind-adj"] } });
    const queue = await createQueue(t.db, null, { name: "blind-adj", query: "tag=blind-adj", reviewsPerItem: 2 });
    if (!queue.ok) throw new Error(queue.error);
    await claimNext(t.db, queue.id, ann.id);
    await claimNext(t.db, queue.id, bob.id);
    await labelTrajectory(t.db, ann.id, { trajectoryId: id, verdict: "rejected", queueId: queue.id, basedOnReviewId: null });
    // the judge disagrees with Ann, but Bob has not answered: not listed, not adjudicable
    expect((await listDisagreements(t.db, { resolved: true })).items.map((i) => i.trajectoryId)).not.toContain(id);
    await expect(adjudicate(t.db, boss.id, { trajectoryId: id, verdict: "accepted" })).rejects.toThrow(Refusal);
    await labelTrajectory(t.db, bob.id, { trajectoryId: id, verdict: "accepted", queueId: queue.id, basedOnReviewId: null });
    expect((await listDisagreements(t.db)).items.find((i) => i.trajectoryId === id)?.reason).toBe("reviewers");
    await expect(adjudicate(t.db, boss.id, { trajectoryId: id, verdict: "accepted" })).resolves.toMatchObject({ reviewId: expect.any(String) });
  });

  it("refuses a trajectory nobody labelled", async () => {
    const boss = await makeUser(t.db, "admin");
    const id = await makeTrajectory(t.db);
    await expect(adjudicate(t.db, boss.id, { trajectoryId: id, verdict: "accepted" })).rejects.toThrow("nothing to adjudicate");
  });
});
