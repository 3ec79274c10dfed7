import { beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../db/client";
import { createTestDb, type TestDb } from "../../test/db";
import { labelTrajectory } from "./label";
import { reviewMany } from "./bulk";
import { claimNext, createQueue, getAssignment, labelAndClaimNext, listQueues, releaseAssignment } from "./queues";
import { makeTrajectory, makeUser } from "./test-fixtures";

describe("review queues", () => {
  let t: TestDb;
  let wide: Db;
  const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 0, minutes));

  beforeAll(async () => {
    t = await createTestDb();
    // a pool as large as the crowd, so the claims really run at the same time
    wide = createDb(t.url, { schema: t.schema, max: 20 });
    return () => wide.$disconnect();
  });

  it("twenty reviewers claiming at once never get the same trajectory", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i++)
      ids.push(await makeTrajectory(t.db, { judge: { verdict: "accepted", score: 0.8 }, row: { tags: ["crowd"], createdAt: at(i) } }));
    const reviewers = await Promise.all(Array.from({ length: 20 }, () => makeUser(t.db)));
    const queue = await createQueue(t.db, null, { name: "crowd", query: "tag=crowd" });
    if (!queue.ok) throw new Error(queue.error);
    expect(queue.size).toBe(30);

    const claims = await Promise.all(reviewers.map((r) => claimNext(wide, queue.id, r.id)));
    const claimed = claims.map((c) => c?.trajectoryId);
    expect(claimed.every(Boolean)).toBe(true);
    expect(new Set(claimed).size).toBe(20);
    // oldest first: the twenty oldest are the ones handed out
    expect(new Set(claimed)).toEqual(new Set(ids.slice(0, 20)));
    expect(await t.db.reviewAssignment.count({ where: { queueId: queue.id } })).toBe(20);

    // a second round: each reviewer keeps what they hold
    const again = await Promise.all(reviewers.map((r) => claimNext(wide, queue.id, r.id)));
    expect(again.map((c) => c?.trajectoryId)).toEqual(claimed);

    const [progress] = (await listQueues(t.db, reviewers[0].id)).filter((q) => q.id === queue.id);
    expect(progress).toMatchObject({ done: 0, inProgress: 20, remaining: 10, total: 30, heldByMe: claimed[0] });
  });

  it("labelling closes the assignment and the next claim moves on; a finished queue gives nothing", async () => {
    const ids = [
      await makeTrajectory(t.db, { row: { tags: ["pair"], createdAt: at(100) } }),
      await makeTrajectory(t.db, { row: { tags: ["pair"], createdAt: at(101) } }),
    ];
    const me = await makeUser(t.db);
    const queue = await createQueue(t.db, me.id, { name: "pair", query: "tag=pair" });
    if (!queue.ok) throw new Error(queue.error);

    const first = await claimNext(t.db, queue.id, me.id);
    expect(first?.trajectoryId).toBe(ids[0]);
    const labelled = await labelTrajectory(t.db, me.id, { trajectoryId: ids[0], verdict: "accepted", queueId: queue.id, basedOnReviewId: null });
    expect(labelled.ok).toBe(true);
    expect(
      await t.db.reviewAssignment.findUniqueOrThrow({ where: { queueId_trajectoryId_slot: { queueId: queue.id, trajectoryId: ids[0], slot: 0 } } }),
    ).toMatchObject({
      status: "done",
    });

    expect((await claimNext(t.db, queue.id, me.id))?.trajectoryId).toBe(ids[1]);
    expect(await getAssignment(t.db, queue.id, ids[1], me.id)).toMatchObject({ reviewerId: me.id, status: "open" });
    const last = await labelAndClaimNext(t.db, me.id, { trajectoryId: ids[1], verdict: "rejected", queueId: queue.id });
    expect(last).toMatchObject({ ok: true, next: null });
    expect(await claimNext(t.db, queue.id, me.id)).toBeNull();
    const [progress] = (await listQueues(t.db, me.id)).filter((q) => q.id === queue.id);
    expect(progress).toMatchObject({ done: 2, inProgress: 0, remaining: 0, total: 2, heldByMe: null });
  });

  it("an expired or released hold goes to the next reviewer", async () => {
    const id = await makeTrajectory(t.db, { row: { tags: ["solo"], createdAt: at(200) } });
    const [ann, bob] = [await makeUser(t.db), await makeUser(t.db)];
    const queue = await createQueue(t.db, null, { name: "solo", query: "tag=solo" });
    if (!queue.ok) throw new Error(queue.error);
    const now = new Date();
    expect((await claimNext(t.db, queue.id, ann.id, { now, ttlMs: 60_000 }))?.trajectoryId).toBe(id);
    expect(await claimNext(t.db, queue.id, bob.id, { now: new Date(now.getTime() + 30_000) })).toBeNull();
    const later = await claimNext(t.db, queue.id, bob.id, { now: new Date(now.getTime() + 61_000) });
    expect(later?.trajectoryId).toBe(id);
    expect(await t.db.reviewAssignment.findFirstOrThrow({ where: { queueId: queue.id } })).toMatchObject({ reviewerId: bob.id, status: "open" });

    expect(await releaseAssignment(t.db, queue.id, id, bob.id)).toBe(true);
    expect((await claimNext(t.db, queue.id, ann.id))?.trajectoryId).toBe(id);
  });

  it("the unlabelled preset skips what people labelled elsewhere; a sample queue keeps a fixed random subset", async () => {
    const me = await makeUser(t.db);
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push(await makeTrajectory(t.db, { row: { tags: ["sample"], createdAt: at(300 + i) } }));
    await labelTrajectory(t.db, me.id, { trajectoryId: ids[0], verdict: "accepted" });
    const unlabelled = await createQueue(t.db, me.id, { name: "sample-unlabelled", query: "tag=sample&human=none&page=3&sort=score" });
    if (!unlabelled.ok) throw new Error(unlabelled.error);
    expect(unlabelled.size).toBe(9);
    expect((await claimNext(t.db, unlabelled.id, me.id))?.trajectoryId).toBe(ids[1]);
    const stored = await t.db.reviewQueue.findUniqueOrThrow({ where: { id: unlabelled.id } });
    expect(stored.filter).toEqual({ query: "human=none&tag=sample" });

    const sample = await createQueue(t.db, me.id, { name: "sample-3", query: "tag=sample", sample: 3 });
    if (!sample.ok) throw new Error(sample.error);
    expect(sample.size).toBe(3);
    const sampleIds = ((await t.db.reviewQueue.findUniqueOrThrow({ where: { id: sample.id } })).filter as { sampleIds: string[] }).sampleIds;
    expect(sampleIds.every((id) => ids.includes(id))).toBe(true);
    const claim = await claimNext(t.db, sample.id, me.id);
    expect(sampleIds).toContain(claim?.trajectoryId);

    expect(await createQueue(t.db, me.id, { name: "sample-3", query: "" })).toEqual({ ok: false, error: "A queue named “sample-3” exists already" });
    expect(await claimNext(t.db, "no-such-queue", me.id)).toBeNull();
  });
  it("a claim belongs to its reviewer: another reviewer cannot label it, in the queue or elsewhere, until it expires", async () => {
    const ids = [
      await makeTrajectory(t.db, { row: { tags: ["owned"], createdAt: at(400) } }),
      await makeTrajectory(t.db, { row: { tags: ["owned"], createdAt: at(401) } }),
    ];
    const [ann, bob] = [await makeUser(t.db), await makeUser(t.db)];
    const queue = await createQueue(t.db, null, { name: "owned", query: "tag=owned" });
    if (!queue.ok) throw new Error(queue.error);
    const now = new Date();
    expect((await claimNext(t.db, queue.id, ann.id, { now, ttlMs: 10 * 60_000 }))?.trajectoryId).toBe(ids[0]);

    // Bob opened the same trajectory (from the list, or the queue item's address) and tries to label it
    const fromList = await labelTrajectory(t.db, bob.id, { trajectoryId: ids[0], verdict: "rejected", basedOnReviewId: null });
    expect(fromList).toMatchObject({ ok: false, claimed: true });
    expect(!fromList.ok && fromList.error).toContain(`${ann.name} holds it in the queue “owned” until`);
    expect(await labelTrajectory(t.db, bob.id, { trajectoryId: ids[0], verdict: "rejected", queueId: queue.id, basedOnReviewId: null })).toMatchObject({
      ok: false,
      claimed: true,
    });
    expect(await reviewMany(t.db, bob.id, ids, "rejected")).toMatchObject({ reviewed: 1, claimed: 1 });
    expect(await t.db.review.count({ where: { trajectoryId: ids[0] } })).toBe(0);
    expect(await getAssignment(t.db, queue.id, ids[0], ann.id)).toMatchObject({ reviewerId: ann.id, status: "open" });

    // so Ann, who opened it before any review, is not refused as stale
    const mine = await labelTrajectory(t.db, ann.id, { trajectoryId: ids[0], verdict: "accepted", queueId: queue.id, basedOnReviewId: null });
    expect(mine.ok).toBe(true);
    expect(await getAssignment(t.db, queue.id, ids[0], ann.id)).toMatchObject({ reviewerId: ann.id, status: "done" });
    // once labelled, the claim is over: a second opinion is an ordinary label
    expect((await labelTrajectory(t.db, bob.id, { trajectoryId: ids[0], verdict: "rejected", basedOnReviewId: mine.ok ? mine.reviewId : null })).ok).toBe(true);
  });

  it("an expired claim no longer protects the item; labelling it in the queue closes the hold in the labeller's name", async () => {
    const id = await makeTrajectory(t.db, { row: { tags: ["lapsed"], createdAt: at(500) } });
    const [ann, bob] = [await makeUser(t.db), await makeUser(t.db)];
    const queue = await createQueue(t.db, null, { name: "lapsed", query: "tag=lapsed" });
    if (!queue.ok) throw new Error(queue.error);
    await claimNext(t.db, queue.id, ann.id, { now: new Date(Date.now() - 120_000), ttlMs: 60_000 });
    expect(await labelTrajectory(t.db, bob.id, { trajectoryId: id, verdict: "rejected", queueId: queue.id, basedOnReviewId: null })).toMatchObject({
      ok: true,
    });
    expect(await getAssignment(t.db, queue.id, id, bob.id)).toMatchObject({ reviewerId: bob.id, status: "done" });
    // Ann comes back to her lapsed item: someone labelled it meanwhile, which is the stale-write refusal, not a claim
    expect(await labelTrajectory(t.db, ann.id, { trajectoryId: id, verdict: "accepted", queueId: queue.id, basedOnReviewId: null })).toMatchObject({
      ok: false,
      conflict: true,
    });
    expect(await getAssignment(t.db, queue.id, id, bob.id)).toMatchObject({ reviewerId: bob.id, status: "done" });
  });
});
