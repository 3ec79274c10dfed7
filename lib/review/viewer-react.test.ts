import { describe, expect, it } from "vitest";
import { reactDoc } from "../datasets/testing/react-doc";
import { viewSteps } from "./viewer";

describe("a ReAct trajectory in the viewer", () => {
  const steps = viewSteps(reactDoc.messages, reactDoc.tools);

  it("shows finish as the end of the agent's turn, not as an unknown tool", () => {
    expect(steps[1].checks).toEqual([{ valid: true, protocolEnd: true }]);
    expect(steps[3].checks).toEqual([{ valid: true }]);
  });

  it("shows the thought once: in the step's text, not again as reasoning", () => {
    expect(steps[1].reasoning).toBeNull();
    expect(steps[3].reasoning).toBe("The model's own reasoning.");
    expect(steps[3].content).toContain("Look up Paris.");
  });
});
