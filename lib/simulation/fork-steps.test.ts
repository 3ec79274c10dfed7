import { describe, expect, it } from "vitest";
import { stepSchema } from "../trajectory/types";
import { forkSteps } from "./fork-steps";

describe("fork steps", () => {
  it("offers every step after the user's first message, labelled by what gets simulated again", () => {
    const messages = [
      { role: "system", content: "s" },
      { role: "user", content: "hi" },
      { role: "assistant", toolCalls: [{ id: "a", name: "get_weather", arguments: {} }] },
      { role: "tool", toolName: "get_weather", content: "{}" },
      { role: "assistant", content: "done" },
    ].map((m) => stepSchema.parse(m));
    expect(forkSteps(messages)).toEqual([
      { index: 2, label: "Step 3: from the agent calls get_weather" },
      { index: 3, label: "Step 4: from get_weather's result" },
      { index: 4, label: "Step 5: from the agent's reply" },
      { index: 5, label: "Step 6: continue after the last step" },
    ]);
    expect(forkSteps([stepSchema.parse({ role: "system", content: "s" })])).toEqual([]);
  });
});
