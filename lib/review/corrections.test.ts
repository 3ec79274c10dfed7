import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { Refusal } from "../actions/result";
import { exportDataset } from "../datasets/export";
import { manifestSchema } from "../datasets/manifest";
import { datasetText } from "../datasets/testing/files";
import { correctedSteps } from "../trajectory/corrected-steps";
import { correctTrajectory, latestCorrections, listCorrections, type CorrectionInput } from "./corrections";
import { makeTrajectory, makeUser } from "./test-fixtures";

const CALL_STEP = 1;
const ANSWER_STEP = 3;
// what the reviewer typed: its spacing and key order are theirs, and stay
const REVIEWER_ARGS = '{ "days": 2,  "city": "Lyon" }';

async function refusal(p: Promise<unknown>): Promise<Refusal> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(Refusal);
  return e as Refusal;
}

describe("gold corrections", () => {
  let t: TestDb;
  let reviewer: { id: string };

  beforeAll(async () => {
    t = await createTestDb();
    reviewer = await makeUser(t.db);
  });

  const editCall = (trajectoryId: string, args: string, over: Partial<CorrectionInput> = {}): CorrectionInput => ({
    trajectoryId,
    basedOnId: null,
    step: CALL_STEP,
    content: "",
    toolCalls: [{ name: "get_weather", arguments: args }],
    reason: "The user asked about Lyon, for two days",
    ...over,
  });

  it("stores the corrected version beside the original, which stays as it was", async () => {
    const id = await makeTrajectory(t.db, { judge: { verdict: "accepted", score: 0.9 } });
    const before = await t.db.message.findMany({ where: { trajectoryId: id }, orderBy: { index: "asc" } });
    const trajectoryBefore = await t.db.trajectory.findUniqueOrThrow({ where: { id } });

    const made = await correctTrajectory(t.db, reviewer.id, editCall(id, REVIEWER_ARGS));
    expect(made.editedSteps).toEqual([CALL_STEP]);

    expect(await t.db.message.findMany({ where: { trajectoryId: id }, orderBy: { index: "asc" } })).toEqual(before);
    // the verdict and its judgement are the original's: correcting is no review
    expect(await t.db.trajectory.findUniqueOrThrow({ where: { id } })).toEqual(trajectoryBefore);

    const stored = await t.db.trajectoryCorrection.findUniqueOrThrow({ where: { id: made.id } });
    expect(stored).toMatchObject({ trajectoryId: id, authorId: reviewer.id, reason: "The user asked about Lyon, for two days", editedSteps: [CALL_STEP] });
    const steps = correctedSteps(stored.messages);
    expect(steps).toHaveLength(before.length);
    expect(steps[CALL_STEP].toolCalls).toEqual([{ id: "c1", name: "get_weather", arguments: { days: 2, city: "Lyon" }, rawArguments: REVIEWER_ARGS }]);
    // every other step is the original's
    expect(steps[ANSWER_STEP].content).toBe(before[ANSWER_STEP].content);
  });

  it("builds each correction on the latest, keeps them all, and refuses one started from an older version", async () => {
    const id = await makeTrajectory(t.db);
    const first = await correctTrajectory(t.db, reviewer.id, editCall(id, REVIEWER_ARGS));
    const answer = "Tomorrow and the day after will be sunny in Lyon.\n  (21°C)";
    const second = await correctTrajectory(t.db, reviewer.id, {
      ...editCall(id, ""),
      basedOnId: first.id,
      step: ANSWER_STEP,
      toolCalls: [],
      content: answer,
      reason: "The final answer named the wrong city",
    });
    // the later correction holds the earlier one's edit too
    expect(second.editedSteps).toEqual([CALL_STEP, ANSWER_STEP]);
    const latest = (await latestCorrections(t.db, [id])).get(id)!;
    expect(latest.id).toBe(second.id);
    expect(latest.messages[ANSWER_STEP].content).toBe(answer);
    expect(latest.messages[CALL_STEP].toolCalls?.[0].rawArguments).toBe(REVIEWER_ARGS);
    expect((await listCorrections(t.db, id)).map((c) => c.id)).toEqual([second.id, first.id]);

    const stale = await refusal(correctTrajectory(t.db, reviewer.id, { ...editCall(id, '{"city":"Nice"}'), basedOnId: first.id }));
    expect(stale.message).toMatch(/since you opened it/);
    expect(await t.db.trajectoryCorrection.count({ where: { trajectoryId: id } })).toBe(2);
  });

  it("refuses arguments that do not fit the tool's schema, or are not JSON, with the reason, and stores nothing", async () => {
    const id = await makeTrajectory(t.db);
    const wrongType = await refusal(correctTrajectory(t.db, reviewer.id, editCall(id, '{"city": 3}')));
    expect(wrongType.message).toMatch(/do not fit get_weather's schema: \/city must be string/);
    expect(wrongType.fieldErrors).toHaveProperty(["toolCalls.0.arguments"]);

    const missing = await refusal(correctTrajectory(t.db, reviewer.id, editCall(id, '{"days": 0}')));
    expect(missing.message).toMatch(/must have required property 'city'/);
    expect(missing.message).toMatch(/\/days must be >= 1/);

    expect((await refusal(correctTrajectory(t.db, reviewer.id, editCall(id, '{"city": "Lyon"')))).message).toMatch(/not JSON/);
    expect((await refusal(correctTrajectory(t.db, reviewer.id, editCall(id, '["Lyon"]')))).message).toMatch(/one JSON object/);
    const unknown = await refusal(
      correctTrajectory(t.db, reviewer.id, { ...editCall(id, '{"city":"Lyon"}'), toolCalls: [{ name: "get_wether", arguments: '{"city":"Lyon"}' }] }),
    );
    expect(unknown.message).toMatch(/get_wether is not one of the tools offered/);
    expect(unknown.fieldErrors).toHaveProperty(["toolCalls.0.name"]);

    expect(await t.db.trajectoryCorrection.count({ where: { trajectoryId: id } })).toBe(0);
  });

  it("renames the result a renamed call answers, and refuses what is not an agent's edit", async () => {
    const id = await makeTrajectory(t.db);
    const renamed = await correctTrajectory(t.db, reviewer.id, {
      ...editCall(id, ""),
      toolCalls: [{ name: "get_stock", arguments: '{"symbol":"ACME"}' }],
    });
    const steps = (await latestCorrections(t.db, [id])).get(id)!.messages;
    expect(renamed.editedSteps).toEqual([1, 2]);
    expect(steps[2]).toMatchObject({ role: "tool", toolCallId: "c1", toolName: "get_stock", content: '{"forecast":"sunny","high":21}' });

    const other = await makeTrajectory(t.db);
    expect((await refusal(correctTrajectory(t.db, reviewer.id, { ...editCall(other, ""), step: 0, toolCalls: [] }))).message).toMatch(/Only the agent's turns/);
    expect((await refusal(correctTrajectory(t.db, reviewer.id, editCall(other, '{"city":"Paris","days":1}')))).message).toMatch(/Nothing changed/);
    expect((await refusal(correctTrajectory(t.db, reviewer.id, { ...editCall(other, "{}"), toolCalls: [] }))).message).toMatch(/keeps their number/);
  });

  it("exports a corrected answer marked human_edited, an uncorrected trajectory byte for byte as before, and refuses a corrected call its original result still answers", async () => {
    const fresh = await createTestDb();
    const user = await makeUser(fresh.db);
    const kept = await makeTrajectory(fresh.db, { judge: { verdict: "accepted", score: 0.9 } });
    const answered = await makeTrajectory(fresh.db, { text: "And in Lyon?", judge: { verdict: "accepted", score: 0.9 } });
    const exported = [kept, answered].sort();
    const lineOf = (text: string, id: string) => text.split("\n")[exported.indexOf(id)];

    const before = await exportDataset(fresh.db, { name: "gold", format: "openai" });
    const beforeText = await datasetText(fresh.db, before.dataset.id, "train.jsonl");
    expect(before.manifest.records).toEqual([]);

    // what the reviewer typed is kept as typed: spacing and all
    const answer = "It will rain in Lyon tomorrow:  take an umbrella.";
    const made = await correctTrajectory(fresh.db, user.id, {
      trajectoryId: answered,
      basedOnId: null,
      step: ANSWER_STEP,
      content: answer,
      toolCalls: [],
      reason: "The answer named the wrong city",
    });
    const stale = await makeTrajectory(fresh.db, { text: "And in Nice?", judge: { verdict: "accepted", score: 0.9 } });
    await correctTrajectory(fresh.db, user.id, editCall(stale, REVIEWER_ARGS));
    const after = await exportDataset(fresh.db, { name: "gold", format: "openai" });
    const afterText = await datasetText(fresh.db, after.dataset.id, "train.jsonl");

    expect(lineOf(afterText, kept)).toBe(lineOf(beforeText, kept));
    const record = JSON.parse(lineOf(afterText, answered));
    expect(record.messages.at(-1).content).toBe(answer);
    expect(lineOf(afterText, answered)).not.toBe(lineOf(beforeText, answered));
    expect(afterText).not.toContain("Nice");

    const manifest = manifestSchema.parse(JSON.parse(await datasetText(fresh.db, after.dataset.id, "manifest.json")));
    expect(manifest.records).toEqual([
      { file: "train.jsonl", line: exported.indexOf(answered) + 1, trajectoryId: answered, correctionId: made.id, human_edited: true },
    ]);
    expect(manifest.counts.humanEdited).toBe(1);
    expect(manifest.refused).toEqual([
      {
        trajectoryId: stale,
        reasons: [expect.stringMatching(/^step 1: the corrected call to get_weather is answered by the original call's result \(step 2\)/)],
      },
    ]);
    expect(await datasetText(fresh.db, after.dataset.id, "README.md")).toMatch(/Corrected by reviewers: 1 records/);
  });
});
