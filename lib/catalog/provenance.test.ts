import { describe, expect, it } from "vitest";
import { readProvenance } from "./provenance";

describe("reading a row's provenance", () => {
  it("reads what each stage writes", () => {
    const tool = { source: "files", server: "weather", duplicate: { kind: "near", of: "src/get_weather", similarity: 0.97 } };
    expect(readProvenance(tool)).toEqual(tool);
    const agent = {
      runId: "r1",
      slot: 3,
      model: "m",
      provider: "offline",
      promptVersion: "agents-v1",
      categories: [{ id: "c", name: "Weather" }],
      profile: {},
    };
    expect(readProvenance(agent)).toMatchObject({ runId: "r1", slot: 3, provider: "offline", categories: [{ id: "c", name: "Weather" }] });
  });

  it("a field that does not read as expected reads as absent, and so does a provenance that is no object", () => {
    expect(readProvenance({ provider: 42, duplicate: { kind: "guess", of: "x" }, model: "m" })).toEqual({ model: "m" });
    expect(readProvenance(null)).toEqual({});
    expect(readProvenance("harvested")).toEqual({});
  });
});
