import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { labelTrajectory, listReviews } from "./label";
import { loadLabelForm } from "./label-form-data";
import { createQueue, listQueues } from "./queues";
import { createScoreConfig, listScoreConfigs, setScoreConfigArchived } from "./score-configs";
import { annotateStep, listStepAnnotations } from "./step-annotations";
import { loadTrajectoryView } from "./viewer";
import { makeTrajectory, makeUser } from "./test-fixtures";

let counter = 0;
const named = (base: string) => `${base} ${++counter}`;

describe("score configurations, labels that answer them and step annotations", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  async function configs() {
    const admin = await makeUser(t.db, "admin");
    const make = async (input: Parameters<typeof createScoreConfig>[2]) => {
      const res = await createScoreConfig(t.db, admin.id, input);
      if (!res.ok) throw new Error(res.error);
      return res.id;
    };
    return {
      helpful: await make({ kind: "boolean", name: named("Helpful"), scope: "trajectory" }),
      tone: await make({ kind: "categorical", name: named("Tone"), scope: "trajectory", options: ["polite", "curt"] }),
      issues: await make({ kind: "categorical", name: named("Issues"), scope: "trajectory", options: ["slow", "verbose", "wrong"], multiple: true }),
      quality: await make({ kind: "numeric", name: named("Quality"), scope: "trajectory", min: 1, max: 5 }),
      summary: await make({ kind: "text", name: named("Summary"), scope: "trajectory" }),
      stepIssue: await make({ kind: "categorical", name: named("Step issue"), scope: "step", options: ["wrong tool", "bad arguments"] }),
      stepOk: await make({ kind: "boolean", name: named("Step correct"), scope: "step" }),
    };
  }

  it("a label answers every kind of trajectory-level configuration; the history names them", async () => {
    const c = await configs();
    const me = await makeUser(t.db);
    const id = await makeTrajectory(t.db);
    const res = await labelTrajectory(t.db, me.id, {
      trajectoryId: id,
      verdict: "accepted",
      basedOnReviewId: null,
      scores: [
        { configId: c.helpful, value: true },
        { configId: c.tone, value: "polite" },
        { configId: c.issues, value: ["slow", "verbose"] },
        { configId: c.quality, value: 4 },
        { configId: c.summary, value: "fine, a little slow" },
      ],
    });
    expect(res).toMatchObject({ ok: true });
    const [review] = await listReviews(t.db, id);
    const names = await t.db.scoreConfig.findMany({ where: { id: { in: Object.values(c) } }, select: { id: true, name: true } });
    const nameOf = new Map(names.map((n) => [n.id, n.name]));
    expect(review.scores.map((s) => [s.config?.name, s.value])).toEqual([
      [nameOf.get(c.helpful), true],
      [nameOf.get(c.tone), "polite"],
      [nameOf.get(c.issues), ["slow", "verbose"]],
      [nameOf.get(c.quality), 4],
      [nameOf.get(c.summary), "fine, a little slow"],
    ]);
    // the answers have the review's author and time, and are counted on the configuration
    const rows = await t.db.score.findMany({ where: { reviewId: review.id } });
    expect(rows.every((r) => r.authorId === me.id && r.step === null && r.trajectoryId === id)).toBe(true);
    expect((await listScoreConfigs(t.db)).find((x) => x.id === c.quality)?.answers).toBe(1);
  });

  it("refuses, writing nothing, a score outside its range or options, a step-level one on the trajectory, an archived one or a config answered twice", async () => {
    const c = await configs();
    const me = await makeUser(t.db);
    const id = await makeTrajectory(t.db);
    const label = (scores: { configId: string; value: boolean | number | string | string[] }[]) =>
      labelTrajectory(t.db, me.id, { trajectoryId: id, verdict: "rejected", scores });
    expect(await label([{ configId: c.quality, value: 7 }])).toMatchObject({ ok: false, error: expect.stringMatching(/at most 5/) });
    expect(await label([{ configId: c.tone, value: "rude" }])).toMatchObject({ ok: false, error: expect.stringMatching(/not one of polite, curt/) });
    expect(await label([{ configId: c.issues, value: "slow" }])).toMatchObject({ ok: false });
    expect(await label([{ configId: c.helpful, value: "yes" }])).toMatchObject({ ok: false });
    expect(await label([{ configId: c.stepIssue, value: "wrong tool" }])).toMatchObject({ ok: false, error: expect.stringMatching(/one step/) });
    expect(
      await label([
        { configId: c.helpful, value: true },
        { configId: c.helpful, value: false },
      ]),
    ).toMatchObject({ ok: false, error: expect.stringMatching(/twice/) });
    expect(await label([{ configId: "no-such-config", value: true }])).toMatchObject({ ok: false });
    await setScoreConfigArchived(t.db, c.summary, true);
    expect(await label([{ configId: c.summary, value: "late" }])).toMatchObject({ ok: false, error: expect.stringMatching(/archived/) });
    expect(await t.db.review.count({ where: { trajectoryId: id } })).toBe(0);
    expect(await t.db.score.count({ where: { trajectoryId: id } })).toBe(0);
    // archived configurations leave the forms but keep their place in the list
    expect((await loadLabelForm(t.db, { trajectoryId: id, reviewerId: me.id })).configs.map((x) => x.id)).not.toContain(c.summary);
    expect((await listScoreConfigs(t.db)).find((x) => x.id === c.summary)?.archivedAt).toBeInstanceOf(Date);
  });

  it("a step annotation takes a step-level score and a comment, is appended with its author, and marks the step", async () => {
    const c = await configs();
    const me = await makeUser(t.db);
    const id = await makeTrajectory(t.db);
    expect(
      await annotateStep(t.db, me.id, { trajectoryId: id, step: 1, score: { configId: c.stepIssue, value: "wrong tool" }, comment: "should have asked first" }),
    ).toMatchObject({ ok: true });
    expect(await annotateStep(t.db, me.id, { trajectoryId: id, step: 3, comment: "the result contradicts step 2" })).toMatchObject({ ok: true });
    expect(await annotateStep(t.db, me.id, { trajectoryId: id, step: 1, score: { configId: c.stepOk, value: false } })).toMatchObject({ ok: true });

    // refused: a step the trajectory lacks, a trajectory-level config, a value not in the options, nothing at all
    expect(await annotateStep(t.db, me.id, { trajectoryId: id, step: 4, comment: "past the end" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/no step 4/),
    });
    expect(await annotateStep(t.db, me.id, { trajectoryId: id, step: 0, score: { configId: c.helpful, value: true } })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/whole trajectory/),
    });
    expect(await annotateStep(t.db, me.id, { trajectoryId: id, step: 0, score: { configId: c.stepIssue, value: "typo" } })).toMatchObject({ ok: false });
    expect(await annotateStep(t.db, me.id, { trajectoryId: id, step: 0, comment: "  " })).toMatchObject({ ok: false });

    const notes = await listStepAnnotations(t.db, id);
    expect(notes.map((n) => [n.step, n.config?.id ?? null, n.value ?? null, n.comment, n.author.name])).toEqual([
      [1, c.stepIssue, "wrong tool", "should have asked first", me.name],
      [1, c.stepOk, false, "", me.name],
      [3, null, null, "the result contradicts step 2", me.name],
    ]);
    const view = await loadTrajectoryView(t.db, id);
    expect(view?.marks.annotated).toEqual([1, 3]);
    expect(view?.annotations).toHaveLength(3);
    // step annotations are not a review: the verdict is untouched
    expect(await t.db.review.count({ where: { trajectoryId: id } })).toBe(0);
  });

  it("a queue names what its reviewers answer; its form asks exactly that", async () => {
    const c = await configs();
    const me = await makeUser(t.db);
    const id = await makeTrajectory(t.db);
    const name = named("Tone check");
    const made = await createQueue(t.db, me.id, { name, query: "", rubric: false, configIds: [c.tone, c.stepIssue, c.quality] });
    if (!made.ok) throw new Error(made.error);
    const form = await loadLabelForm(t.db, { trajectoryId: id, reviewerId: me.id, queueId: made.id });
    expect(form.rubric).toBe(false);
    expect(form.configs.map((x) => x.id)).toEqual([c.tone, c.quality]);
    expect(form.stepConfigs.map((x) => x.id)).toEqual([c.stepIssue]);
    expect((await listQueues(t.db, me.id)).find((q) => q.id === made.id)?.asks).toEqual([
      expect.stringMatching(/^Tone/),
      expect.stringMatching(/^Step issue/),
      expect.stringMatching(/^Quality/),
    ]);

    // outside a queue: the rubric and every active configuration
    const open = await loadLabelForm(t.db, { trajectoryId: id, reviewerId: me.id });
    expect(open.rubric).toBe(true);
    expect(open.configs.map((x) => x.id)).toEqual(expect.arrayContaining([c.helpful, c.tone, c.issues, c.quality, c.summary]));
    expect(open.configs.every((x) => x.scope === "trajectory") && open.stepConfigs.every((x) => x.scope === "step")).toBe(true);

    await setScoreConfigArchived(t.db, c.helpful, true);
    expect(await createQueue(t.db, me.id, { name: named("Stale"), query: "", configIds: [c.helpful] })).toMatchObject({ ok: false });
  });

  it("the form starts from the reviewer's own latest review and the trajectory's tags; tags can be taken off", async () => {
    const c = await configs();
    const [me, other] = [await makeUser(t.db), await makeUser(t.db)];
    const id = await makeTrajectory(t.db, { row: { tags: ["imported"] } });
    expect((await loadLabelForm(t.db, { trajectoryId: id, reviewerId: me.id })).previous).toBeNull();

    const first = await labelTrajectory(t.db, me.id, {
      trajectoryId: id,
      verdict: "rejected",
      criteria: { answered: 0.5 },
      note: "half an answer",
      tags: ["imported", "hallucination", "slow"],
      scores: [{ configId: c.quality, value: 2 }],
      basedOnReviewId: null,
    });
    if (!first.ok) throw new Error(first.error);
    const form = await loadLabelForm(t.db, { trajectoryId: id, reviewerId: me.id });
    expect(form.previous).toEqual({ verdict: "rejected", criteria: { answered: 0.5 }, note: "half an answer", scores: { [c.quality]: 2 } });
    expect(form.tags).toEqual(["hallucination", "imported", "slow"]);
    // another reviewer's form does not start from my answers
    expect((await loadLabelForm(t.db, { trajectoryId: id, reviewerId: other.id })).previous).toBeNull();

    // a later review without "hallucination" takes it off; the review records what it left and removed
    const second = await labelTrajectory(t.db, me.id, {
      trajectoryId: id,
      verdict: "accepted",
      tags: ["imported", "slow"],
      removeTags: ["hallucination"],
      basedOnReviewId: first.reviewId,
    });
    expect(second).toMatchObject({ ok: true });
    expect((await t.db.trajectory.findUniqueOrThrow({ where: { id }, select: { tags: true } })).tags).toEqual(["imported", "slow"]);
    const [latest, earlier] = await listReviews(t.db, id);
    expect([latest.tags, latest.removedTags]).toEqual([["imported", "slow"], ["hallucination"]]);
    expect(earlier.tags).toEqual(["imported", "hallucination", "slow"]);
    expect((await loadLabelForm(t.db, { trajectoryId: id, reviewerId: me.id })).previous).toMatchObject({ verdict: "accepted", scores: {} });

    // a tag both kept and listed as removed stays
    await labelTrajectory(t.db, me.id, { trajectoryId: id, verdict: "accepted", tags: ["slow"], removeTags: ["slow", "imported"] });
    expect((await t.db.trajectory.findUniqueOrThrow({ where: { id }, select: { tags: true } })).tags).toEqual(["slow"]);
  });

  it("configuration names are unique", async () => {
    const admin = await makeUser(t.db, "admin");
    const name = named("Unique");
    expect(await createScoreConfig(t.db, admin.id, { kind: "boolean", name, scope: "step" })).toMatchObject({ ok: true });
    expect(await createScoreConfig(t.db, admin.id, { kind: "text", name, scope: "trajectory" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/exists/),
    });
  });
});
