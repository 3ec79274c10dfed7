import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import type { Verdict } from "../db/client";
import { calibrate, compareConfigs, listJudgeConfigs, reviewCriteria } from "./calibration";
import { seedTrajectory } from "./test-fixtures";

describe("calibration against people", () => {
  let t: TestDb;
  const id: Record<string, string> = {};

  async function judgement(tid: string, configHash: string, verdict: Verdict, at: number, criteria: { id: string; score: number }[] = []) {
    await t.db.judgement.create({
      data: {
        trajectoryId: id[tid],
        configHash,
        verdict,
        score: verdict === "accepted" ? 1 : 0,
        judgeModel: `model-${configHash}`,
        promptVersion: "v",
        rubric: { criteria: criteria.map((c) => ({ ...c, scored: true })) },
        createdAt: new Date(at),
      },
    });
  }
  async function review(tid: string, verdict: Verdict, at: number, criteria?: unknown) {
    await t.db.review.create({ data: { trajectoryId: id[tid], reviewerId: "rev", verdict, criteria: criteria as object, createdAt: new Date(at) } });
  }

  // A labelled set with a known answer (see the expectations for the arithmetic).
  beforeAll(async () => {
    t = await createTestDb();
    await t.db.user.create({ data: { id: "rev", name: "R", email: "r@x.io", role: "reviewer" } });
    for (const k of ["t1", "t2", "t3", "t4", "t5", "t6", "t7"]) id[k] = await seedTrajectory(t.db, {});
    // people: t1–t3 accepted, t4–t6 rejected (t1's first review was overruled by a later one); t7 unlabelled
    await review("t1", "rejected", 1_000, { answer: false });
    await review("t1", "accepted", 2_000, { answer: true });
    await review("t2", "accepted", 1_000, { answer: "fail" });
    await review("t3", "accepted", 1_000, [{ id: "answer", score: 4 }]);
    for (const k of ["t4", "t5", "t6"]) await review(k, "rejected", 1_000);
    // config A: right on t1, t2, t4, t5; wrong on t3 and t6. Its older verdict on t1 was wrong and is superseded.
    await judgement("t1", "A", "rejected", 1_000);
    await judgement("t1", "A", "accepted", 3_000, [{ id: "answer", score: 1 }]);
    await judgement("t2", "A", "accepted", 1_000, [{ id: "answer", score: 0.75 }]);
    await judgement("t3", "A", "rejected", 1_000, [{ id: "answer", score: 0.25 }]);
    await judgement("t4", "A", "rejected", 1_000);
    await judgement("t5", "A", "rejected", 1_000);
    await judgement("t6", "A", "accepted", 1_000);
    await judgement("t7", "A", "accepted", 1_000);
    // config B judged only t1–t4, all right
    for (const k of ["t1", "t2", "t3"]) await judgement(k, "B", "accepted", 1_500);
    await judgement("t4", "B", "rejected", 1_500);
  });

  it("measures accuracy, kappa and the confusion matrix per configuration, with the disagreeing trajectories", async () => {
    const all = await calibrate(t.db);
    expect(all.map((c) => c.configHash)).toEqual(["A", "B"]);
    const a = all[0];
    expect(a).toMatchObject({ judgeModel: "model-A", promptVersion: "v" });
    expect(a.verdict.n).toBe(6);
    // rows = people, columns = judge: [[acc/acc 2, acc/rej 1], [rej/acc 1, rej/rej 2]]
    expect(a.verdict.matrix).toEqual({
      labels: ["accepted", "rejected"],
      counts: [
        [2, 1],
        [1, 2],
      ],
    });
    expect(a.verdict.accuracy).toBeCloseTo(4 / 6);
    // po = 2/3, pe = 0.5·0.5 + 0.5·0.5 = 0.5 → κ = (2/3 − 1/2) / (1/2) = 1/3
    expect(a.verdict.kappa).toBeCloseTo(1 / 3, 12);
    expect(new Set(a.verdict.disagreeing)).toEqual(new Set([id.t3, id.t6]));
    expect(all[1].verdict).toMatchObject({ n: 4, accuracy: 1, kappa: 1, disagreeing: [] });
  });

  it("measures each rubric criterion that reviews score", async () => {
    const [a] = await calibrate(t.db, { configHashes: ["A"] });
    // (person, judge) on "answer": t1 (pass, pass), t2 (fail, pass), t3 (pass 4/5, fail 0.25)
    expect(a.criteria).toHaveLength(1);
    expect(a.criteria[0]).toMatchObject({ id: "answer", n: 3 });
    expect(a.criteria[0].accuracy).toBeCloseTo(1 / 3);
    expect(new Set(a.criteria[0].disagreeing)).toEqual(new Set([id.t2, id.t3]));
  });

  it("compares two configurations on the labelled trajectories both judged", async () => {
    const cmp = await compareConfigs(t.db, "A", "B");
    expect(cmp.n).toBe(4);
    expect(cmp.a!.verdict.accuracy).toBeCloseTo(3 / 4);
    expect(cmp.b!.verdict.accuracy).toBe(1);
    expect(cmp.onlyBRight).toEqual([id.t3]);
    expect(cmp.onlyARight).toEqual([]);
    expect(cmp.between).toMatchObject({ n: 4, disagreeing: [id.t3] });
    const none = await compareConfigs(t.db, "A", "nothing");
    expect(none).toMatchObject({ n: 0, a: null, b: null });
  });

  it("lists every configuration with its number of judgements", async () => {
    const configs = await listJudgeConfigs(t.db);
    expect(configs.map((c) => [c.configHash, c.judgements])).toEqual([
      ["A", 8],
      ["B", 4],
    ]);
  });

  it("reads the shapes review criteria can take", () => {
    expect(Object.fromEntries(reviewCriteria({ a: true, b: "not met", c: 2, d: 0.9, e: { passed: false }, f: "meh" }))).toEqual({
      a: "pass",
      b: "fail",
      c: "fail",
      d: "pass",
      e: "fail",
    });
    expect(Object.fromEntries(reviewCriteria([{ id: "x", verdict: "pass" }, { nope: 1 }]))).toEqual({ x: "pass" });
    expect(reviewCriteria(null).size).toBe(0);
  });
});
