import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { parseListFilter } from "./filter";
import { listTrajectories } from "./list";
import { claimNext, createQueue, MAX_SEARCHED } from "./queues";
import { makeTrajectory, makeUser } from "./test-fixtures";

// A queue's message search (`q=`) is the trajectory list's: whole words and
// phrases through the text index, not a substring scan of every message.

describe("a review queue's message search", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  it("holds the trajectories the list finds for the same words, and hands them out", async () => {
    const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m));
    const word = await makeTrajectory(t.db, { text: "Ship the parcel to Zanzibar, please", row: { createdAt: at(1) } });
    const phrase = await makeTrajectory(t.db, { text: "Is zanzibar far from here?", row: { createdAt: at(2) } });
    await makeTrajectory(t.db, { text: "Zanzibarian spices, how much?", row: { createdAt: at(3) } }); // a longer word, not the word
    for (const [query, expected] of [
      ["q=ZANZIBAR", [word, phrase]],
      [`q=${encodeURIComponent("zanzibar far")}`, [phrase]],
      [`q=${encodeURIComponent("far zanzibar")}`, []],
      ["q=zanzib", []],
    ] as const) {
      const queue = await createQueue(t.db, null, { name: `search ${query}`, query });
      if (!queue.ok) throw new Error(queue.error);
      const listed = await listTrajectories(t.db, parseListFilter(query));
      expect(listed.rows.map((r) => r.id).sort(), query).toEqual([...expected].sort());
      expect(queue.size, query).toBe(expected.length);
    }
    const me = await makeUser(t.db);
    const queue = await createQueue(t.db, me.id, { name: "zanzibar", query: "q=zanzibar" });
    if (!queue.ok) throw new Error(queue.error);
    expect((await claimNext(t.db, queue.id, me.id))?.trajectoryId).toBe(word);
  });

  it("a term in more trajectories than a queue may search is refused when the queue is made", async () => {
    // MAX_SEARCHED + 1 copies of one trajectory, its request mentioning the word
    const src = await makeTrajectory(t.db, { text: "Where is my wombat?" });
    const copies = MAX_SEARCHED + 1;
    await t.db.$executeRaw`INSERT INTO "Trajectory"
      SELECT (jsonb_populate_record(NULL::"Trajectory", to_jsonb(x) || jsonb_build_object('id', x.id || '-' || g, 'episodeKey', NULL, 'contentHash', NULL))).*
      FROM "Trajectory" x, generate_series(1, ${copies}) g WHERE x.id = ${src}`;
    const columns = await t.db.$queryRaw<{ name: string }[]>`SELECT column_name AS name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'Message' AND is_generated = 'NEVER'`;
    const list = columns.map((c) => `"${c.name}"`).join(", ");
    const values = columns
      .map((c) => (c.name === "id" ? `m.id || '-' || g` : c.name === "trajectoryId" ? `m."trajectoryId" || '-' || g` : `m."${c.name}"`))
      .join(", ");
    await t.db.$executeRawUnsafe(
      `INSERT INTO "Message" (${list}) SELECT ${values} FROM "Message" m, generate_series(1, ${copies}) g WHERE m."trajectoryId" = $1 AND m.content LIKE '%wombat%'`,
      src,
    );
    const made = await createQueue(t.db, null, { name: "too wide", query: "q=wombat" });
    expect(made).toEqual({ ok: false, error: "More than 10,000 trajectories mention “wombat”: narrow the search" });
  });
});
