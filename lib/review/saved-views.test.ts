import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { deleteSavedView, listSavedViews, saveView } from "./saved-views";
import { makeUser } from "./test-fixtures";

describe("saved views", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  it("saves the list's query canonically and without its page; saving a name again replaces it", async () => {
    const [me, other] = [await makeUser(t.db), await makeUser(t.db)];
    await saveView(t.db, me.id, { name: "Rejected gold", query: "page=4&tag=gold&verdict=rejected&bogus=1" });
    await saveView(t.db, me.id, { name: "Disagreements", query: "?disagree=yes&sort=score" });
    await saveView(t.db, other.id, { name: "Mine", query: "verdict=accepted" });
    expect(await listSavedViews(t.db, me.id)).toEqual([
      { id: expect.any(String), name: "Disagreements", query: "disagree=yes&sort=score" },
      { id: expect.any(String), name: "Rejected gold", query: "verdict=rejected&tag=gold" },
    ]);
    await saveView(t.db, me.id, { name: "Rejected gold", query: "verdict=rejected" });
    expect((await listSavedViews(t.db, me.id)).map((v) => v.query)).toEqual(["disagree=yes&sort=score", "verdict=rejected"]);
    await expect(saveView(t.db, me.id, { name: "  ", query: "" })).rejects.toThrow(/name/);
  });

  it("deletes only the owner's views", async () => {
    const [me, other] = [await makeUser(t.db), await makeUser(t.db)];
    const view = await saveView(t.db, me.id, { name: "x", query: "" });
    expect(await deleteSavedView(t.db, other.id, view.id)).toBe(false);
    expect(await deleteSavedView(t.db, me.id, view.id)).toBe(true);
    expect(await listSavedViews(t.db, me.id)).toEqual([]);
  });
});
