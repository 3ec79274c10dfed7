import { describe, expect, it } from "vitest";
import { stepSchema } from "../trajectory/types";
import { changedSteps, stepChanges, textChange } from "./correction-diff";

describe("correction diff", () => {
  it("marks the one span that differs between two texts", () => {
    expect(textChange('{"town":"Paris"}', '{"city": "Paris"}')).toEqual({ prefix: '{"', removed: 'town":', added: 'city": ', suffix: '"Paris"}' });
    expect(textChange("same", "same")).toEqual({ prefix: "same", removed: "", added: "", suffix: "" });
    expect(textChange("ab", "aXb")).toEqual({ prefix: "a", removed: "", added: "X", suffix: "b" });
    // a character of two UTF-16 units is never cut in half
    const d = textChange("a😀b", "a😃b");
    expect(d).toEqual({ prefix: "a", removed: "😀", added: "😃", suffix: "b" });
  });

  it("lists the fields a corrected step changed, arguments as text", () => {
    const original = stepSchema.parse({ role: "assistant", toolCalls: [{ id: "c1", name: "get_weather", arguments: { town: "Paris" } }] });
    const corrected = stepSchema.parse({
      role: "assistant",
      content: "Looking it up.",
      toolCalls: [{ id: "c1", name: "get_weather", arguments: { city: "Paris" }, rawArguments: '{"city": "Paris"}' }],
    });
    expect(stepChanges(original, corrected)).toEqual([
      { field: "text", before: null, after: "Looking it up." },
      { field: "call arguments", before: '{"town":"Paris"}', after: '{"city": "Paris"}' },
    ]);
    expect(changedSteps([original, original], [original, corrected])).toEqual([1]);
  });
});
