import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { loadTrajectory } from "../trajectory/store";
import { stepSchema } from "../trajectory/types";
import { appendSteps, episodeKey, findEpisode, finishTrajectory, startTrajectory } from "./episode-store";

describe("episode store", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
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

  it("steps appended move by move read back exactly, and finishing derives the totals", async () => {
    const key = episodeKey("run1", "task1", 3, "native");
    const id = await startTrajectory(t.db, { tools: [], episodeKey: key, seed: 3 });
    expect(await findEpisode(t.db, key)).toMatchObject({ id, finished: false, doc: { messages: [] } });
    await appendSteps(t.db, id, 0, steps.slice(0, 2));
    await appendSteps(t.db, id, 2, steps.slice(2, 4));
    await appendSteps(t.db, id, 4, steps.slice(4));
    expect((await loadTrajectory(t.db, id))!.messages).toEqual(steps);
    await finishTrajectory(t.db, id, { endReason: "agent_finished", tags: ["execution:passed"] });
    expect(await t.db.trajectory.findUniqueOrThrow({ where: { id } })).toMatchObject({
      endReason: "agent_finished",
      tags: ["execution:passed"],
      steps: 5,
      promptTokens: 12,
      completionTokens: 3,
      latencyMs: 45,
      costUsd: 0.00012,
      hasViolations: true,
      hasInjectedFailures: true,
    });
    expect(await findEpisode(t.db, key)).toEqual({ id, finished: true });
  });

  it("a step index stored twice is refused, so a move is never stored twice", async () => {
    const id = await startTrajectory(t.db, { tools: [] });
    await appendSteps(t.db, id, 0, steps.slice(0, 1));
    await expect(appendSteps(t.db, id, 0, steps.slice(1, 2))).rejects.toThrow();
  });
});
