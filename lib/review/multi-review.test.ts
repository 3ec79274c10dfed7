import { beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../db/client";
import { createTestDb, type TestDb } from "../../test/db";
import { othersHidden } from "./blind";
import { loadTrajectoryViewFor } from "./blind-view";
import { labelTrajectory } from "./label";
import { loadLabelForm } from "./label-form-data";
import { claimNext, createQueue, listQueues } from "./queues";
import { annotateStep } from "./step-annotations";
import { makeTrajectory, makeUser } from "./test-fixtures";

describe("several reviewers per item", () => {
  let t: TestDb;
  let wide: Db;
  const at = (minutes: number) => new Date(Date.UTC(2026, 0, 2, 0, minutes));

  beforeAll(async () => {
    t = await createTestDb();
    wide = createDb(t.url, { schema: t.schema, max: 12 });
    return () => wide.$disconnect();
  });

  async function queueOf(name: string, reviewsPerItem: number, query = `tag=${name}`) {
    const queue = await createQueue(t.db, null, { name, query, reviewsPerItem });
    if (!queue.ok) throw new Error(queue.error);
    return queue.id;
  }

  it("hands one item to N distinct reviewers, blind until each has labelled, and never back to one who labelled it", async () => {
    const ids = [
      await makeTrajectory(t.db, { judge: { verdict: "accepted", score: 0.9 }, row: { tags: ["pair2"], createdAt: at(0) } }),
      await makeTrajectory(t.db, { row: { tags: ["pair2"], createdAt: at(1) } }),
    ];
    const [ann, bob, cat] = [await makeUser(t.db), await makeUser(t.db), await makeUser(t.db)];
    const queueId = await queueOf("pair2", 2);

    // the oldest item has two slots: Ann and Bob both get it, Cat the next one
    expect((await claimNext(t.db, queueId, ann.id))?.trajectoryId).toBe(ids[0]);
    expect((await claimNext(t.db, queueId, bob.id))?.trajectoryId).toBe(ids[0]);
    expect((await claimNext(t.db, queueId, cat.id))?.trajectoryId).toBe(ids[1]);

    // Ann labels first; Bob, holding the same item, may label it too and is not refused as stale
    const annLabel = await labelTrajectory(t.db, ann.id, { trajectoryId: ids[0], verdict: "rejected", note: "wrong city", queueId, basedOnReviewId: null });
    expect(annLabel.ok).toBe(true);
    await annotateStep(t.db, ann.id, { trajectoryId: ids[0], step: 1, comment: "Ann's note" });

    // Bob sees nothing of Ann's label: no review, no step note, no human verdict, and his form starts empty
    expect(await othersHidden(t.db, ids[0], bob.id)).toBe(true);
    const bobSees = await loadTrajectoryViewFor(t.db, ids[0], bob.id);
    expect(bobSees?.blind).toBe(true);
    expect(bobSees?.view.reviews).toEqual([]);
    expect(bobSees?.view.annotations).toEqual([]);
    expect(bobSees?.view.marks.annotated).toEqual([]);
    expect(bobSees?.view.trajectory).toMatchObject({ humanVerdict: null, effectiveVerdict: "accepted" });
    expect((await loadLabelForm(t.db, { trajectoryId: ids[0], reviewerId: bob.id, queueId })).previous).toBeNull();
    // nor does Cat, who has no slot of it; Ann, who labelled, is not blind (she sees her own label, Bob has none yet)
    expect(await othersHidden(t.db, ids[0], cat.id)).toBe(true);
    expect(await othersHidden(t.db, ids[0], ann.id)).toBe(false);
    // Cat cannot label it in the queue while Bob holds the last slot
    expect(await labelTrajectory(t.db, cat.id, { trajectoryId: ids[0], verdict: "accepted", queueId, basedOnReviewId: null })).toMatchObject({
      ok: false,
      claimed: true,
    });

    const bobLabel = await labelTrajectory(t.db, bob.id, { trajectoryId: ids[0], verdict: "accepted", queueId, basedOnReviewId: null });
    expect(bobLabel.ok).toBe(true);
    // both slots labelled: the item has left the queue and nobody is blind to it
    expect(await othersHidden(t.db, ids[0], cat.id)).toBe(false);
    const catSees = await loadTrajectoryViewFor(t.db, ids[0], cat.id);
    expect(catSees?.view.reviews.map((r) => r.reviewer.id).sort()).toEqual([ann.id, bob.id].sort());
    expect(catSees?.view.annotations).toHaveLength(1);

    const [progress] = (await listQueues(t.db, null)).filter((q) => q.id === queueId);
    expect(progress).toMatchObject({ reviewsPerItem: 2, done: 1, inProgress: 1, remaining: 0, total: 2 });

    // Ann's next item is the second one (Cat holds one slot of it); Bob is not given the first again either
    expect((await claimNext(t.db, queueId, ann.id))?.trajectoryId).toBe(ids[1]);
    expect(await claimNext(t.db, queueId, bob.id)).toBeNull();
  });

  it("an item labelled once stays in a queue of two even when it no longer matches the queue's filter", async () => {
    const id = await makeTrajectory(t.db, { row: { tags: ["fresh2"], createdAt: at(10) } });
    const [ann, bob] = [await makeUser(t.db), await makeUser(t.db)];
    const queueId = await queueOf("fresh2", 2, "tag=fresh2&human=none");
    expect((await claimNext(t.db, queueId, ann.id))?.trajectoryId).toBe(id);
    expect((await labelTrajectory(t.db, ann.id, { trajectoryId: id, verdict: "accepted", queueId, basedOnReviewId: null })).ok).toBe(true);
    // it now has a human verdict, so human=none no longer matches it; Bob still gets it
    expect((await claimNext(t.db, queueId, bob.id))?.trajectoryId).toBe(id);
    expect(await claimNext(t.db, queueId, ann.id)).toBeNull();
  });

  it("ten reviewers claiming at once fill three slots of each item, never more, never one reviewer twice", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await makeTrajectory(t.db, { row: { tags: ["crowd3"], createdAt: at(20 + i) } }));
    const reviewers = await Promise.all(Array.from({ length: 10 }, () => makeUser(t.db)));
    const queueId = await queueOf("crowd3", 3);
    const claims = await Promise.all(reviewers.map((r) => claimNext(wide, queueId, r.id)));
    expect(claims.filter(Boolean)).toHaveLength(9);
    const rows = await t.db.reviewAssignment.findMany({ where: { queueId }, select: { trajectoryId: true, reviewerId: true, slot: true } });
    for (const id of ids) {
      const mine = rows.filter((r) => r.trajectoryId === id);
      expect(mine.map((r) => r.slot).sort()).toEqual([0, 1, 2]);
      expect(new Set(mine.map((r) => r.reviewerId)).size).toBe(3);
    }
  });

  it("a reviewer whose hold expired takes their own slot back, not a second one", async () => {
    const id = await makeTrajectory(t.db, { row: { tags: ["lapse2"], createdAt: at(30) } });
    const ann = await makeUser(t.db);
    const queueId = await queueOf("lapse2", 2);
    await claimNext(t.db, queueId, ann.id, { now: new Date(Date.now() - 120_000), ttlMs: 60_000 });
    expect((await claimNext(t.db, queueId, ann.id))?.trajectoryId).toBe(id);
    expect(await t.db.reviewAssignment.findMany({ where: { queueId }, select: { reviewerId: true, slot: true } })).toEqual([{ reviewerId: ann.id, slot: 0 }]);
  });
});
