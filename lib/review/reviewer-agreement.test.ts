import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { labelTrajectory } from "./label";
import { raterAgreement, reviewerAgreement } from "./reviewer-agreement";
import { createScoreConfig } from "./score-configs";
import { makeTrajectory, makeUser } from "./test-fixtures";

const items = (rows: Record<string, (string | number | null)[]>) => {
  const raters = Object.keys(rows);
  const n = rows[raters[0]].length;
  return new Map(
    Array.from({ length: n }, (_, i) => [`item${i}`, new Map(raters.flatMap((r) => (rows[r][i] === null ? [] : [[r, rows[r][i]!] as const])))] as const),
  );
};

describe("agreement between reviewers", () => {
  it("two reviewers: Cohen's kappa over the items both labelled", () => {
    // 10 items both labelled: yes/yes 4, yes/no 1, no/yes 2, no/no 3 → po=0.7; rows 5/5, cols 6/4 → pe=0.5 → κ=0.4; one item labelled by one only
    const a = ["y", "y", "y", "y", "y", "n", "n", "n", "n", "n", "y"];
    const b = ["y", "y", "y", "y", "n", "y", "y", "n", "n", "n", null];
    expect(raterAgreement(items({ a, b }), "nominal")).toEqual({ statistic: "kappa", value: expect.closeTo(0.4, 12), items: 10, reviewers: 2 });
  });

  it("more reviewers: Krippendorff's alpha, nominal or interval", () => {
    // Krippendorff's reliability data (2011): nominal 0.743, interval 0.849
    const rows = {
      A: [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
      B: [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
      C: [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
      D: [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
    };
    expect(raterAgreement(items(rows), "nominal")).toEqual({ statistic: "alpha (nominal)", value: expect.closeTo(0.743, 3), items: 11, reviewers: 4 });
    expect(raterAgreement(items(rows), "interval")).toEqual({ statistic: "alpha (interval)", value: expect.closeTo(0.849, 3), items: 11, reviewers: 4 });
  });

  describe("from stored labels", () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await createTestDb();
    });

    it("measures the verdict and each configuration with each reviewer's latest label, leaving text out", async () => {
      const [ann, bob, cat] = [await makeUser(t.db), await makeUser(t.db), await makeUser(t.db)];
      const ok = await createScoreConfig(t.db, null, { name: "Helpful", kind: "boolean", scope: "trajectory" });
      const stars = await createScoreConfig(t.db, null, { name: "Stars", kind: "numeric", scope: "trajectory", min: 1, max: 5 });
      const why = await createScoreConfig(t.db, null, { name: "Why", kind: "text", scope: "trajectory" });
      if (!ok.ok || !stars.ok || !why.ok) throw new Error("config");
      const ids = await Promise.all([0, 1, 2].map(() => makeTrajectory(t.db)));
      const label = (who: string, id: string, verdict: "accepted" | "rejected", helpful: boolean, n: number) =>
        labelTrajectory(t.db, who, {
          trajectoryId: id,
          verdict,
          scores: [
            { configId: ok.id, value: helpful },
            { configId: stars.id, value: n },
            { configId: why.id, value: "because" },
          ],
        });
      // Ann first rejects item 0, then changes her mind: her latest label counts
      await label(ann.id, ids[0], "rejected", false, 1);
      await label(ann.id, ids[0], "accepted", true, 4);
      await label(bob.id, ids[0], "accepted", true, 5);
      await label(ann.id, ids[1], "rejected", false, 2);
      await label(bob.id, ids[1], "rejected", true, 2);
      await label(ann.id, ids[2], "accepted", true, 3);

      let stats = await reviewerAgreement(t.db);
      // verdict: both agree on items 0 and 1, one accepted and one rejected → κ = 1; item 2 has one reviewer
      expect(stats.find((s) => s.key === "verdict")).toMatchObject({ statistic: "kappa", value: 1, items: 2, reviewers: 2 });
      // Helpful (Ann, Bob): (true,true), (false,true): po=0.5; Ann false/true 1/1, Bob 0/2 → pe=0.5·0+0.5·1=0.5 → κ=0
      expect(stats.find((s) => s.name === "Helpful")).toMatchObject({ statistic: "kappa", value: 0, items: 2 });
      // numbers are interval alpha even for two: units (4,5), (2,2); n=4; Σ o·δ = 2·1 = 2;
      // Σ n_c·n_k·δ = 2·(1·1·1 + 1·2·4 + 1·2·9) = 54 → α = 1 − (n−1)·2/54 = 8/9
      expect(stats.find((s) => s.name === "Stars")).toMatchObject({ statistic: "alpha (interval)", value: expect.closeTo(8 / 9, 12), items: 2 });
      expect(stats.find((s) => s.name === "Why")).toBeUndefined();

      // a third reviewer on item 2 makes it alpha
      await label(cat.id, ids[2], "rejected", true, 3);
      stats = await reviewerAgreement(t.db);
      expect(stats.find((s) => s.key === "verdict")).toMatchObject({ statistic: "alpha (nominal)", items: 3, reviewers: 3 });
    });
  });
});
