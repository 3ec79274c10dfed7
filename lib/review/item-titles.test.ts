import { describe, expect, it } from "vitest";
import { shortTitle, trajectoryTitle } from "./item-titles";

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
});
