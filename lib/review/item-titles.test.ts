import { describe, expect, it } from "vitest";
import { createTestDb } from "../../test/db";
import { cityDoc, saveWithVerdict, seedAgentWithTasks } from "../datasets/testing/seed";
import { loadTrajectoryTitles, shortTitle, trajectoryTitle } from "./item-titles";

describe("item titles", () => {
  it("keeps a short text whole, with its spaces collapsed", () => {
    expect(shortTitle("Book a  table\nfor two")).toBe("Book a table for two");
  });

  it("cuts a long text at a word boundary and marks the cut", () => {
    const title = shortTitle("Find the cheapest direct flight from Lisbon to Oslo next Tuesday and book it, paying with the saved card", 40);
    expect(title).toBe("Find the cheapest direct flight from…");
    expect(title.length).toBeLessThanOrEqual(40);
  });

  it("names a trajectory by its agent and goal, and falls back to its id", () => {
    const id = "cm0000000000abcdefghij";
    expect(trajectoryTitle({ id, agent: { name: "Weather agent" }, task: { goal: "Forecast for Oslo" } })).toBe("Weather agent: Forecast for Oslo");
    expect(trajectoryTitle({ id, agent: { name: "Weather agent" }, task: null })).toBe("Weather agent · abcdefghij");
    expect(trajectoryTitle({ id, agent: null, task: null })).toBe("Trajectory abcdefghij");
  });

  it("titles a list of trajectories by agent and goal, so ids that begin alike are told apart", async () => {
    const { db } = await createTestDb();
    const { agent, taskIds } = await seedAgentWithTasks(db, 2, "Weather agent");
    const first = await saveWithVerdict(db, cityDoc(1), { verdict: "accepted", agentId: agent.id, taskId: taskIds[0] });
    const second = await saveWithVerdict(db, cityDoc(2), { verdict: "rejected", agentId: agent.id, taskId: taskIds[1] });
    const bare = await saveWithVerdict(db, cityDoc(3), { verdict: null });
    expect(await loadTrajectoryTitles(db, [first, second, bare, first])).toEqual({
      [first]: "Weather agent: goal 0",
      [second]: "Weather agent: goal 1",
      [bare]: `Trajectory ${bare.slice(-10)}`,
    });
    expect(await loadTrajectoryTitles(db, [])).toEqual({});
  });
});
