import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { labelTrajectory } from "./label";
import { assignReviewers, reviewerProgress, unassignReviewer } from "./queue-reviewers";
import { claimNext, createQueue } from "./queues";
import { makeTrajectory, makeUser } from "./test-fixtures";

describe("named reviewers of a queue", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  it("hands named items first and shows each reviewer's labelled / assigned", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await makeTrajectory(t.db, { row: { tags: ["named"], createdAt: new Date(Date.UTC(2026, 0, 3, 0, i)) } }));
    const [lead, ann, bob, cat, viewer] = [
      await makeUser(t.db, "admin"),
      await makeUser(t.db),
      await makeUser(t.db),
      await makeUser(t.db),
      await makeUser(t.db, "viewer"),
    ];
    const queue = await createQueue(t.db, lead.id, { name: "named", query: "tag=named" });
    if (!queue.ok) throw new Error(queue.error);

    await assignReviewers(t.db, lead.id, { queueId: queue.id, reviewerIds: [ann.id], trajectoryIds: [ids[3]] });
    await assignReviewers(t.db, lead.id, { queueId: queue.id, reviewerIds: [ann.id], trajectoryIds: [ids[2]] });
    await assignReviewers(t.db, lead.id, { queueId: queue.id, reviewerIds: [bob.id] });
    await expect(assignReviewers(t.db, lead.id, { queueId: queue.id, reviewerIds: [viewer.id] })).rejects.toThrow("Only reviewers and admins");
    await expect(assignReviewers(t.db, lead.id, { queueId: queue.id, reviewerIds: [ann.id], trajectoryIds: ["nope"] })).rejects.toThrow("do not exist");

    // Ann's named items come before the queue's oldest
    const first = await claimNext(t.db, queue.id, ann.id);
    expect(first?.trajectoryId).toBe(ids[2]);
    await labelTrajectory(t.db, ann.id, { trajectoryId: ids[2], verdict: "accepted", queueId: queue.id });
    expect((await claimNext(t.db, queue.id, ann.id))?.trajectoryId).toBe(ids[3]);
    // Bob (the whole queue) gets the oldest; Cat, not named, labels one too
    expect((await claimNext(t.db, queue.id, bob.id))?.trajectoryId).toBe(ids[0]);
    await labelTrajectory(t.db, bob.id, { trajectoryId: ids[0], verdict: "rejected", queueId: queue.id });
    expect((await claimNext(t.db, queue.id, cat.id))?.trajectoryId).toBe(ids[1]);
    await labelTrajectory(t.db, cat.id, { trajectoryId: ids[1], verdict: "rejected", queueId: queue.id });

    expect((await reviewerProgress(t.db, queue.id)).map((p) => [p.name, p.labelled, p.assigned, p.wholeQueue])).toEqual([
      [ann.name, 1, 2, false],
      [bob.name, 1, 4, true],
      [cat.name, 1, null, false],
    ]);
    expect(await unassignReviewer(t.db, { queueId: queue.id, reviewerId: bob.id })).toBe(true);
    expect((await reviewerProgress(t.db, queue.id)).find((p) => p.reviewerId === bob.id)).toMatchObject({ assigned: null, labelled: 1 });
  });
});
