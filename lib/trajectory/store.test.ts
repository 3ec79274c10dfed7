import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { appendSteps, createStepWriter, findEpisode, finishTrajectory, loadTrajectory, saveTrajectory, startTrajectory } from "./store";
import { stepSchema, trajectoryDocSchema } from "./types";
import { refreshVerdicts } from "./verdict";

describe("trajectory store", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  const doc = trajectoryDocSchema.parse({
    tools: [{ name: "get_weather", description: "Weather for a city", parameters: { type: "object", properties: { city: { type: "string" } } } }],
    messages: [
      { role: "user", content: "Weather in Paris?" },
      { role: "assistant", content: null, toolCalls: [{ id: "c1", name: "get_weather", arguments: { city: "Paris" } }], promptTokens: 10, completionTokens: 5 },
      { role: "tool", content: '{"temp":21}', toolCallId: "c1", toolName: "get_weather", injectedFailure: null },
      { role: "assistant", content: "It is 21°C.", violations: [{ code: "x", message: "y" }] },
    ],
  });

  const steps = [
    { role: "system", content: "sys" },
    { role: "user", content: "Weather in Paris? \u2014 'quotes' \"and\" \\ backslashes" },
    {
      role: "assistant",
      content: null,
      reasoning: "Look it up.",
      toolCalls: [{ id: "c1", name: "get_weather", arguments: { city: "Paris", n: [1, null] }, rawArguments: '{"city":"Paris"}' }],
      violations: [{ code: "invalid_arguments", message: "x" }],
      promptTokens: 12,
      completionTokens: 3,
      latencyMs: 40,
      costUsd: 0.00012,
    },
    { role: "tool", content: '{"temp":21}', toolCallId: "c1", toolName: "get_weather", isError: true, injectedFailure: "partial", latencyMs: 5 },
    { role: "assistant", content: "21°C." },
  ].map((s) => stepSchema.parse(s));

  const totals = {
    steps: 5,
    promptTokens: 12,
    completionTokens: 3,
    latencyMs: 45,
    costUsd: 0.00012,
    hasViolations: true,
    hasInjectedFailures: true,
  };

  it("saves and loads a trajectory unchanged, with totals and flags derived", async () => {
    const id = await saveTrajectory(t.db, doc, { model: "m" });
    expect(await loadTrajectory(t.db, id)).toEqual(doc);
    const row = await t.db.trajectory.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ model: "m", steps: 4, promptTokens: 10, completionTokens: 5, hasViolations: true, hasInjectedFailures: false });
  });

  it("a trajectory saved whole and one stored move by move have the same messages and totals", async () => {
    const whole = await saveTrajectory(t.db, { tools: [], messages: steps }, { endReason: "agent_finished", tags: ["t"] });
    const moved = await startTrajectory(t.db, { tools: [] });
    await appendSteps(t.db, moved, 0, steps.slice(0, 3));
    await appendSteps(t.db, moved, 3, steps.slice(3));
    await finishTrajectory(t.db, moved, { endReason: "agent_finished", tags: ["t"] });
    const rows = await t.db.trajectory.findMany({ where: { id: { in: [whole, moved] } } });
    for (const row of rows) expect(row).toMatchObject({ ...totals, endReason: "agent_finished", tags: ["t"] });
    expect((await loadTrajectory(t.db, whole))!.messages).toEqual(steps);
    expect((await loadTrajectory(t.db, moved))!.messages).toEqual(steps);
  });

  it("a trajectory whose messages cannot be stored is not saved at all", async () => {
    const before = await t.db.trajectory.count();
    const bad = { tools: [], messages: [steps[0]!, { ...steps[1]!, role: "narrator" as never }] };
    await expect(saveTrajectory(t.db, bad)).rejects.toThrow();
    expect(await t.db.trajectory.count()).toBe(before);
  });

  it("steps appended move by move read back exactly, and finishing derives the totals", async () => {
    const key = "run1:task1:3:native";
    const id = await startTrajectory(t.db, { tools: [], episodeKey: key, seed: 3 });
    expect(await findEpisode(t.db, key)).toMatchObject({ id, finished: false, doc: { messages: [] } });
    await appendSteps(t.db, id, 0, steps.slice(0, 2));
    await appendSteps(t.db, id, 2, steps.slice(2, 4));
    await appendSteps(t.db, id, 4, steps.slice(4));
    expect((await loadTrajectory(t.db, id))!.messages).toEqual(steps);
    await finishTrajectory(t.db, id, { endReason: "agent_finished", tags: ["execution:passed"] });
    expect(await t.db.trajectory.findUniqueOrThrow({ where: { id } })).toMatchObject({ ...totals, endReason: "agent_finished", tags: ["execution:passed"] });
    expect(await findEpisode(t.db, key)).toEqual({ id, finished: true });
  });

  it("a step index stored twice is refused, so a move is never stored twice", async () => {
    const id = await startTrajectory(t.db, { tools: [] });
    await appendSteps(t.db, id, 0, steps.slice(0, 1));
    await expect(appendSteps(t.db, id, 0, steps.slice(1, 2))).rejects.toThrow();
  });

  it("a run's step writer stores the moves of many episodes together, and a refused move fails alone", async () => {
    const write = createStepWriter(t.db);
    const ids = await Promise.all(Array.from({ length: 6 }, () => startTrajectory(t.db, { tools: [] })));
    await Promise.all(ids.map((id) => write(id, 0, steps.slice(0, 2))));
    const outcomes = await Promise.allSettled(ids.map((id, i) => write(id, i === 3 ? 0 : 2, steps.slice(2))));
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled"]);
    for (const [i, id] of ids.entries()) expect((await loadTrajectory(t.db, id))!.messages).toEqual(i === 3 ? steps.slice(0, 2) : steps);
    await write(ids[0]!, 5, []); // nothing to store
  });

  it("the latest review overrides the latest judgement", async () => {
    const id = await saveTrajectory(t.db, doc);
    const user = await t.db.user.create({ data: { id: "u1", name: "R", email: "r@x.io", role: "reviewer" } });
    const judge = { judgeModel: "offline", promptVersion: "1", configHash: "c", score: 0.9 };
    await t.db.judgement.create({ data: { trajectoryId: id, verdict: "accepted", ...judge } });
    await refreshVerdicts(t.db, id);
    expect(await t.db.trajectory.findUniqueOrThrow({ where: { id } })).toMatchObject({
      judgeVerdict: "accepted",
      humanVerdict: null,
      effectiveVerdict: "accepted",
    });
    await t.db.review.create({ data: { trajectoryId: id, reviewerId: user.id, verdict: "rejected" } });
    await refreshVerdicts(t.db, id);
    expect(await t.db.trajectory.findUniqueOrThrow({ where: { id } })).toMatchObject({
      judgeVerdict: "accepted",
      humanVerdict: "rejected",
      effectiveVerdict: "rejected",
    });
  });
});
