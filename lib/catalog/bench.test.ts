import { describe, expect, inject, it } from "vitest";
import { benchCatalog } from "./bench";

// `npm run bench` runs this at 20,000 tools; here the same code runs at a size CI affords.
describe("catalogue benchmark, reduced size", () => {
  it("takes every tool through store, quality, embed and cluster, and reports each step", async () => {
    const figures = await benchCatalog({ tools: 400, small: 200, url: inject("databaseUrl") });
    const value = (name: string) => figures.find((f) => f.name.startsWith(name))?.value;
    const stored = value("tools stored")!;
    expect(stored).toBeGreaterThan(380);
    expect(value("tools embedded")).toBe(stored);
    expect(value("categories found")).toBeGreaterThanOrEqual(2);
    for (const step of ["store 400 tools", "quality filter 400 tools", "embed 400 tools", "cluster + map 400 tools", "whole catalogue step, 400 tools"]) {
      expect(value(step), step).toBeGreaterThan(0);
    }
    expect(figures.find((f) => /^cluster \+ map 1\d\d tools, one k/.test(f.name))?.value).toBeGreaterThan(0);
    expect(figures.find((f) => f.name === "whole catalogue step, 400 tools")?.target).toBe("< 180");
  }, 120_000);
});
