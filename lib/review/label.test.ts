import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { reviewCriteria } from "../judge/calibration";
import { labelTrajectory, listReviews } from "./label";
import { makeTrajectory, makeUser } from "./test-fixtures";

describe("labelling", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  const verdicts = (id: string) =>
    t.db.trajectory.findUniqueOrThrow({
      where: { id },
      select: { judgeVerdict: true, humanVerdict: true, effectiveVerdict: true, judgeScore: true, tags: true },
    });

  it("a label overriding the judge is appended as a review and changes the effective verdict", async () => {
    const id = await makeTrajectory(t.db, { judge: { verdict: "accepted", score: 0.8 }, row: { tags: ["seen"] } });
    const me = await makeUser(t.db);
    expect(await verdicts(id)).toMatchObject({ judgeVerdict: "accepted", humanVerdict: null, effectiveVerdict: "accepted" });

    const res = await labelTrajectory(t.db, me.id, {
      trajectoryId: id,
      verdict: "rejected",
      criteria: { answered: 1, used_weather: 0 },
      note: "called the tool with a made-up city",
      tags: ["hallucination", "seen"],
      basedOnReviewId: null,
    });
    expect(res.ok).toBe(true);
    expect(await verdicts(id)).toEqual({
      judgeVerdict: "accepted",
      judgeScore: 0.8,
      humanVerdict: "rejected",
      effectiveVerdict: "rejected",
      tags: ["hallucination", "seen"],
    });
    const [review] = await listReviews(t.db, id);
    expect(review).toMatchObject({ verdict: "rejected", note: "called the tool with a made-up city", reviewer: { id: me.id } });
    // the judge's calibration reads the per-criterion scores as they are stored
    expect(Object.fromEntries(reviewCriteria(review.criteria))).toEqual({ answered: "pass", used_weather: "fail" });

    // changing one's mind appends again; nothing is overwritten
    const again = await labelTrajectory(t.db, me.id, { trajectoryId: id, verdict: "accepted", basedOnReviewId: res.ok ? res.reviewId : null });
    expect(again.ok).toBe(true);
    expect((await listReviews(t.db, id)).map((r) => r.verdict)).toEqual(["accepted", "rejected"]);
    expect(await verdicts(id)).toMatchObject({ humanVerdict: "accepted", effectiveVerdict: "accepted" });
  });

  it("refuses a stale label: two people who opened the same trajectory never silently overwrite each other", async () => {
    const id = await makeTrajectory(t.db, { judge: { verdict: "rejected", score: 0.3 } });
    const [ann, bob] = [await makeUser(t.db), await makeUser(t.db)];
    // both opened the page when it had no review
    const first = await labelTrajectory(t.db, ann.id, { trajectoryId: id, verdict: "accepted", basedOnReviewId: null });
    const second = await labelTrajectory(t.db, bob.id, { trajectoryId: id, verdict: "rejected", basedOnReviewId: null });
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, conflict: true });
    expect(!second.ok && second.error).toMatch(/Someone reviewed this trajectory after you opened it \(Reviewer .* marked it accepted/);
    expect(await verdicts(id)).toMatchObject({ effectiveVerdict: "accepted" });
    expect(await listReviews(t.db, id)).toHaveLength(1);
  });

  it("at the same instant, exactly one of two labels based on the same review wins", async () => {
    const id = await makeTrajectory(t.db);
    const people = await Promise.all([makeUser(t.db), makeUser(t.db), makeUser(t.db)]);
    const results = await Promise.all(
      people.map((p, i) => labelTrajectory(t.db, p.id, { trajectoryId: id, verdict: i % 2 ? "accepted" : "rejected", basedOnReviewId: null })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await listReviews(t.db, id)).toHaveLength(1);
  });

  it("rejects bad input and unknown trajectories", async () => {
    const me = await makeUser(t.db);
    await expect(labelTrajectory(t.db, me.id, { trajectoryId: "x", verdict: "maybe" as "accepted" })).rejects.toThrow();
    await expect(labelTrajectory(t.db, me.id, { trajectoryId: "x", verdict: "accepted", criteria: { a: 3 } })).rejects.toThrow();
    await expect(labelTrajectory(t.db, me.id, { trajectoryId: "x", verdict: "accepted", tags: ["two words"] })).rejects.toThrow(/one word/);
    expect(await labelTrajectory(t.db, me.id, { trajectoryId: "missing", verdict: "accepted" })).toEqual({
      ok: false,
      error: "That trajectory no longer exists.",
    });
  });
});
