import { describe, expect, inject, it } from "vitest";
import { benchSynthesis } from "./bench";

// `npm run bench` runs this at the sizes; here the same code runs at a size CI affords.
describe("synthesis benchmark, reduced size", () => {
  it("synthesizes tools, agents and tasks offline and through the test server with no failed item", async () => {
    const figures = await benchSynthesis({
      url: inject("databaseUrl"),
      scale: 0.005,
      concurrency: 4,
      serverScale: 0.002,
      serverLatencyMs: 50,
      serverConcurrency: 8,
    });
    const find = (re: RegExp) => figures.find((f) => re.test(f.name));
    expect(find(/^synthesis: failed items$/)?.value).toBe(0);
    const made = (what: string) =>
      Number(
        find(new RegExp(`^synthesis: ([\\d,]+) ${what} \\(offline`))
          ?.name.match(/([\d,]+)/)?.[1]
          .replace(/,/g, ""),
      );
    expect(made("synthetic tools")).toBeGreaterThanOrEqual(50);
    expect(made("agents")).toBeGreaterThan(0);
    expect(made("tasks")).toBeGreaterThan(0);
    // every call of the second run went over HTTP to the test server
    expect(find(/^synthesis: tools stage generator calls \(test server/)?.value).toBeGreaterThan(0);
  }, 240_000);
});
