import { describe, expect, it } from "vitest";
import { judgeConfigFromArgs } from "./cli";

describe("judge command line", () => {
  it("targets a run, ids or what is not yet judged, with its settings", () => {
    expect(judgeConfigFromArgs(["--run", "r1", "--samples", "3", "--min-score", "0.8"]).config).toMatchObject({
      target: { kind: "run", runId: "r1" },
      rubric: { samples: 3, temperature: 0.7 },
      filter: { minScore: 0.8 },
    });
    expect(judgeConfigFromArgs(["--ids", "a,b"]).config.target).toEqual({ kind: "ids", ids: ["a", "b"] });
    expect(judgeConfigFromArgs([]).config).toMatchObject({ target: { kind: "unjudged" }, concurrency: 16, rubric: { samples: 1 } });
    expect(judgeConfigFromArgs(["--calibration"]).calibration).toBe(true);
    expect(judgeConfigFromArgs(["--budget-usd", "1.5"]).budget).toEqual({ usd: 1.5 });
    expect(judgeConfigFromArgs(["--batch"]).config.batch).toBe(true);
    expect(judgeConfigFromArgs([]).config.batch).toBe(false);
  });

  it("refuses unknown options and bad values with the usage", () => {
    expect(() => judgeConfigFromArgs(["--bogus"])).toThrow(/bogus/);
    expect(() => judgeConfigFromArgs(["--min-score", "7"])).toThrow(/minScore.*usage/s);
    expect(() => judgeConfigFromArgs(["--budget-tokens", "0"])).toThrow(/budget.*usage/s);
  });
});
