import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { loadTrajectory, saveTrajectory } from "./store";
import { trajectoryDocSchema } from "./types";
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

  it("saves and loads a trajectory unchanged, with totals and flags derived", async () => {
    const id = await saveTrajectory(t.db, doc, { model: "m" });
    expect(await loadTrajectory(t.db, id)).toEqual(doc);
    const row = await t.db.trajectory.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ steps: 4, promptTokens: 10, completionTokens: 5, hasViolations: true, hasInjectedFailures: false });
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
