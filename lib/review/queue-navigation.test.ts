import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { labelTrajectory } from "./label";
import { previousItem, queuePosition, skipItem } from "./queue-navigation";
import { claimNext, createQueue, queueSize } from "./queues";
import { makeTrajectory, makeUser } from "./test-fixtures";

describe("moving through a queue", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  it("a skipped item comes back after the others; position and previous follow the reviewer", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await makeTrajectory(t.db, { row: { tags: ["walk"], createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)) } }));
    const [ann, bob] = [await makeUser(t.db), await makeUser(t.db)];
    const queue = await createQueue(t.db, ann.id, { name: "walk", query: "tag=walk" });
    if (!queue.ok) throw new Error(queue.error);
    const q = queue.id;
    let clock = Date.now();
    const tick = () => ({ now: new Date((clock += 1_000)) });
    const claim = async (who: string) => (await claimNext(t.db, q, who, tick()))?.trajectoryId;
    const label = async (who: string, id: string) =>
      expect((await labelTrajectory(t.db, who, { trajectoryId: id, verdict: "accepted", queueId: q })).ok).toBe(true);
    expect(await queueSize(t.db, q)).toBe(4);

    expect(await claim(ann.id)).toBe(ids[0]);
    expect(await queuePosition(t.db, q, ids[0], 4)).toEqual({ position: 1, total: 4 });
    expect(await previousItem(t.db, q, ann.id, ids[0])).toBeNull();
    // skipping lets it go: the next claim, Ann's or anyone's, takes the items nobody skipped first
    expect(await skipItem(t.db, q, ids[0], ann.id, tick().now)).toBe(true);
    expect(await skipItem(t.db, q, ids[0], ann.id, tick().now)).toBe(false);
    expect(await claim(ann.id)).toBe(ids[1]);
    expect(await claim(bob.id)).toBe(ids[2]);
    await label(ann.id, ids[1]);
    await label(bob.id, ids[2]);
    expect(await claim(ann.id)).toBe(ids[3]);
    expect(await queuePosition(t.db, q, ids[3], 4)).toEqual({ position: 3, total: 4 });
    // a labelled item keeps its place in the order items were taken
    expect(await queuePosition(t.db, q, ids[1], 4)).toEqual({ position: 1, total: 4 });
    expect(await queuePosition(t.db, q, ids[2], 4)).toEqual({ position: 2, total: 4 });
    // back from the held item goes to Ann's last label, then further back: never to Bob's
    expect(await previousItem(t.db, q, ann.id, ids[3])).toBe(ids[1]);
    expect(await previousItem(t.db, q, ann.id, ids[1])).toBeNull();
    expect(await previousItem(t.db, q, bob.id, ids[3])).toBe(ids[2]);
    await label(ann.id, ids[3]);
    expect(await previousItem(t.db, q, ann.id, ids[3])).toBe(ids[1]);

    // with nothing else left, the skipped item comes back, to whoever asks
    expect(await claim(bob.id)).toBe(ids[0]);
    await label(bob.id, ids[0]);
    expect(await claim(ann.id)).toBeUndefined();
    expect(await queueSize(t.db, q)).toBe(4);
  });

  it("only the holder can skip an item", async () => {
    const id = await makeTrajectory(t.db, { row: { tags: ["mine"] } });
    const [ann, bob] = [await makeUser(t.db), await makeUser(t.db)];
    const queue = await createQueue(t.db, ann.id, { name: "mine", query: "tag=mine" });
    if (!queue.ok) throw new Error(queue.error);
    expect((await claimNext(t.db, queue.id, ann.id))?.trajectoryId).toBe(id);
    expect(await skipItem(t.db, queue.id, id, bob.id)).toBe(false);
    expect(await claimNext(t.db, queue.id, bob.id)).toBeNull();
  });
});
