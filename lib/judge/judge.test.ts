import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { refreshVerdicts } from "../trajectory/verdict";
import { decide, filterSettingsSchema } from "./filter";
import { createGateway } from "../llm/gateway";
import { judgeSandbox } from "./deps";
import { judgeConfigSchema } from "./config";
import { judgeConfigHash, judgeTrajectory } from "./judge";
import { listJudgements } from "./judgement-view";
import { emptyRubricLayer, type RubricLayer } from "./rubric";
import type { RuleCheck } from "./rules";
import { INFRASTRUCTURE_FAILED } from "../trajectory/ended";
import { cleanWeatherEpisode, passReply, scriptedGateway, seedTask, seedTrajectory } from "./test-fixtures";

const ok: RuleCheck = { code: "known_tools", passed: true, message: "", steps: [] };
const bad: RuleCheck = { code: "distractors_untouched", passed: false, message: "Distractor tools used: send_fax", steps: [3] };
const na = { status: "not_applicable" as const, kind: null, message: "", score: null, steps: [] };
const rubric = (verdict: "pass" | "fail", score: number): RubricLayer => ({
  ...emptyRubricLayer("skipped", { model: "m", provider: "p" }),
  status: "judged",
  verdict,
  score,
  confidence: 0.9,
  agreement: 1,
  criteria: [{ id: "answer", text: "t", weight: 1, score, justification: "why", steps: [2], scored: true }],
});
const filter = (over: object = {}) => filterSettingsSchema.parse(over);

describe("filter", () => {
  it("accepts when every required layer passes and the lowest score reaches the minimum", () => {
    expect(decide({ rules: [ok], execution: na, rubric: rubric("pass", 0.8) }, filter())).toEqual({ verdict: "accepted", score: 0.8, reasons: [] });
  });

  it("rejects with a reason per failing rule, at its steps", () => {
    const d = decide({ rules: [ok, bad], execution: na, rubric: rubric("pass", 0.9) }, filter());
    expect(d.verdict).toBe("rejected");
    expect(d.reasons[0]).toEqual({ layer: "rules", message: "distractors_untouched: Distractor tools used: send_fax", steps: [3] });
  });

  it("an ignored rule or a layer that is not required does not reject", () => {
    expect(decide({ rules: [ok, bad], execution: na, rubric: rubric("pass", 0.9) }, filter({ ignoreRules: ["distractors_untouched"] })).verdict).toBe(
      "accepted",
    );
    expect(decide({ rules: [ok, bad], execution: na, rubric: rubric("pass", 0.9) }, filter({ requiredLayers: ["rubric"] })).verdict).toBe("accepted");
  });

  it("the judge's fail verdict and a low score reject, citing the weakest criteria", () => {
    const failed = decide({ rules: [ok], execution: na, rubric: rubric("fail", 0.3) }, filter());
    expect(failed.reasons.map((r) => r.message)).toEqual(["The judge's verdict is fail", 'Criterion "answer" scored 0.30: why']);
    expect(failed.reasons[1].steps).toEqual([2]);
    const low = decide({ rules: [ok], execution: na, rubric: rubric("pass", 0.5) }, filter({ minScore: 0.7 }));
    expect(low).toMatchObject({ verdict: "rejected", score: 0.5 });
  });

  it("a failed or unavailable execution rejects when execution is required", () => {
    const failedExec = { status: "failed" as const, kind: "code" as const, message: "1 of 2 tests passed", score: 0.5, steps: [4] };
    expect(decide({ rules: [ok], execution: failedExec, rubric: rubric("pass", 1) }, filter()).reasons).toContainEqual({
      layer: "execution",
      message: "1 of 2 tests passed",
      steps: [4],
    });
    const unavailable = { ...failedExec, status: "unavailable" as const, score: null };
    expect(decide({ rules: [ok], execution: unavailable, rubric: rubric("pass", 1) }, filter()).verdict).toBe("rejected");
    expect(decide({ rules: [ok], execution: unavailable, rubric: rubric("pass", 1) }, filter({ requiredLayers: ["rules", "rubric"] })).verdict).toBe(
      "accepted",
    );
  });
});

describe("judging a stored trajectory", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  it("appends a judgement holding all three layers and refreshes the trajectory's verdict", async () => {
    const ids = await seedTask(t.db);
    const id = await seedTrajectory(t.db, ids);
    const { gateway, calls } = scriptedGateway(() => passReply(["answer"]));
    const config = judgeConfigSchema.parse({});
    const out = await judgeTrajectory({ db: t.db, gateway, sandbox: null }, id, config);
    expect(out).toMatchObject({ verdict: "accepted", score: 1 });
    expect(calls[0].trajectoryId).toBe(id);
    const [j] = await listJudgements(t.db, id);
    expect(j).toMatchObject({
      verdict: "accepted",
      judgeModel: "scripted-judge",
      promptVersion: "rubric-judge/1",
      configHash: await judgeConfigHash(gateway, config),
      costUsd: 0.001,
    });
    expect(j.rules).toHaveLength(12);
    expect(j.execution).toMatchObject({ status: "not_applicable" });
    expect(j.rubric).toMatchObject({ status: "judged", verdict: "pass", criteria: [{ id: "answer", steps: [1, 3] }] });
    expect(j.decision).toEqual({ verdict: "accepted", score: 1, reasons: [] });
    expect(await t.db.trajectory.findUniqueOrThrow({ where: { id } })).toMatchObject({ judgeVerdict: "accepted", judgeScore: 1, effectiveVerdict: "accepted" });
  });

  it("re-judging appends: the latest judgement counts, earlier ones stay, a review still overrides", async () => {
    const ids = await seedTask(t.db);
    const id = await seedTrajectory(t.db, ids);
    const first = scriptedGateway(() => passReply(["answer"]));
    await judgeTrajectory({ db: t.db, gateway: first.gateway, sandbox: null }, id, judgeConfigSchema.parse({}));
    const second = scriptedGateway(() => ({ ...passReply(["answer"], 1), verdict: "fail" }));
    const strict = judgeConfigSchema.parse({ filter: { minScore: 0.9 } });
    await judgeTrajectory({ db: t.db, gateway: second.gateway, sandbox: null }, id, strict);
    const history = await listJudgements(t.db, id);
    expect(history.map((h) => h.verdict)).toEqual(["rejected", "accepted"]);
    expect(history[0].configHash).not.toBe(history[1].configHash);
    expect(await t.db.trajectory.findUniqueOrThrow({ where: { id } })).toMatchObject({ judgeVerdict: "rejected", effectiveVerdict: "rejected" });
    const user = await t.db.user.create({ data: { id: "rev", name: "R", email: "rev@x.io", role: "reviewer" } });
    await t.db.review.create({ data: { trajectoryId: id, reviewerId: user.id, verdict: "accepted" } });
    await refreshVerdicts(t.db, id);
    await judgeTrajectory({ db: t.db, gateway: second.gateway, sandbox: null }, id, strict);
    expect(await t.db.judgement.count({ where: { trajectoryId: id } })).toBe(3);
    expect(await t.db.trajectory.findUniqueOrThrow({ where: { id } })).toMatchObject({
      judgeVerdict: "rejected",
      humanVerdict: "accepted",
      effectiveVerdict: "accepted",
    });
  });

  it("a trajectory breaking a rule is rejected with the rule and its steps; with skipping on, no model is called", async () => {
    const ids = await seedTask(t.db, { forbiddenTools: ["get_weather"] });
    const id = await seedTrajectory(t.db, ids);
    const { gateway, calls } = scriptedGateway(() => passReply(["answer"]));
    const out = await judgeTrajectory({ db: t.db, gateway, sandbox: null }, id, judgeConfigSchema.parse({ filter: { skipRubricWhenRejected: true } }));
    expect(out).toMatchObject({ verdict: "rejected", costUsd: 0 });
    expect(calls).toHaveLength(0);
    const [j] = await listJudgements(t.db, id);
    expect(j.rubric).toMatchObject({ status: "skipped" });
    expect(j.decision!.reasons[0]).toMatchObject({ layer: "rules", steps: [1] });
  });

  it("an episode the infrastructure stopped is blamed on it, with its error, and no judge model or sandbox is asked", async () => {
    const ids = await seedTask(t.db);
    const id = await seedTrajectory(t.db, ids, cleanWeatherEpisode.slice(0, 3), INFRASTRUCTURE_FAILED);
    await t.db.trajectory.update({ where: { id }, data: { endError: "endpoint: HTTP 500 after 5 attempts" } });
    const { gateway, calls } = scriptedGateway(() => passReply(["answer"]));
    const out = await judgeTrajectory({ db: t.db, gateway, sandbox: null }, id, judgeConfigSchema.parse({}));
    expect(out).toMatchObject({ verdict: "rejected", costUsd: 0 });
    expect(calls).toHaveLength(0);
    const [j] = await listJudgements(t.db, id);
    expect(j).toMatchObject({ blame: "infrastructure", blameReasons: ["the episode was stopped: endpoint: HTTP 500 after 5 attempts"] });
    expect(j.rubric).toMatchObject({ status: "skipped" });
    expect(await t.db.trajectory.findUniqueOrThrow({ where: { id } })).toMatchObject({ blame: "infrastructure", effectiveVerdict: "rejected" });
  });

  it("a math task is decided by the sandbox's answer check", async () => {
    const ids = await seedTask(t.db, { environment: "math", verifier: { answer: "21" }, requiredTools: [] });
    const id = await seedTrajectory(t.db, ids);
    const { gateway } = scriptedGateway(() => passReply(["answer"]));
    const sandbox = {
      runCodeTests: async () => ({ tests: [] }),
      checkAnswer: async ({ expected, given }: { expected: string; given: string }) => ({ equivalent: given.includes(expected) }),
    };
    expect(await judgeTrajectory({ db: t.db, gateway, sandbox }, id, judgeConfigSchema.parse({}))).toMatchObject({ verdict: "accepted" });
    const wrong = { ...sandbox, checkAnswer: async () => ({ equivalent: false }) };
    expect(await judgeTrajectory({ db: t.db, gateway, sandbox: wrong }, id, judgeConfigSchema.parse({}))).toMatchObject({ verdict: "rejected", score: 0 });
  });

  it("judges end to end through the studio's gateway on the offline provider, accounting the calls to the run", async () => {
    const ids = await seedTask(t.db);
    const id = await seedTrajectory(t.db, ids);
    const run = await t.db.run.create({ data: { kind: "judge", status: "running" } });
    const gateway = createGateway({ db: t.db });
    const out = await judgeTrajectory(
      { db: t.db, gateway, sandbox: judgeSandbox() },
      id,
      judgeConfigSchema.parse({ rubric: { samples: 3, temperature: 0.7 } }),
      { runId: run.id },
    );
    await gateway.flush(); // the call log is written in batches
    const [j] = await listJudgements(t.db, id);
    expect(j.id).toBe(out.judgementId);
    expect(j.judgeModel).toBe("offline");
    expect(j.rubric).toMatchObject({ status: "judged", provider: "offline", criteria: [{ id: "answer", scored: true }] });
    expect(j.rubric!.samples.map((s) => s.seed)).toEqual([0, 1, 2]);
    for (const c of j.rubric!.criteria) for (const s of c.steps) expect(s).toBeLessThan(4);
    expect(await t.db.llmCall.count({ where: { runId: run.id, role: "judge", trajectoryId: id } })).toBeGreaterThanOrEqual(3);
  });

  it("an unknown trajectory is an error", async () => {
    const { gateway } = scriptedGateway(() => passReply());
    await expect(judgeTrajectory({ db: t.db, gateway, sandbox: null }, "nope", judgeConfigSchema.parse({}))).rejects.toThrow(/does not exist/);
  });
});
