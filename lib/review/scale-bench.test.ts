import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { parseListFilter } from "./filter";
import { listTrajectories } from "./list";
import { benchScale, COMMON_WORD, RARE_WORD, SCALE_RUN } from "./scale-bench";

// The scale benchmark's own code at a tiny size: it loads, measures and
// reports every figure (the timings belong to `npm run bench -- scale`).
describe("scale benchmark, tiny", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  it("loads 20-message trajectories, searches them and exports every one", async () => {
    const figures = await benchScale(t.db, { trajectories: 60, samples: 2 });
    const value = (start: string) => figures.find((f) => f.name.startsWith(start))?.value;
    expect(await t.db.trajectory.count({ where: { runId: SCALE_RUN } })).toBe(60);
    expect(await t.db.message.count({ where: { trajectory: { runId: SCALE_RUN } } })).toBe(1_200);
    expect(figures.find((f) => f.name.startsWith("export ") && f.unit === "s")?.name).toMatch(/^export 60 trajectories/);
    expect(value("size per trajectory")).toBeGreaterThan(0);
    expect(figures.filter((f) => f.target === "< 300 ms").length).toBe(17);
    for (const f of figures) expect(Number.isFinite(f.value), f.name).toBe(true);

    // what the searches it times find: the common word in every trajectory (and the 300-step one), the rare one in the 7th
    expect((await listTrajectories(t.db, parseListFilter(`q=${COMMON_WORD}&size=100`))).total).toBe(61);
    expect((await listTrajectories(t.db, parseListFilter(`q=${RARE_WORD}`))).rows.map((r) => r.id)).toEqual(["bench-scale-7"]);
  }, 60_000);
});
