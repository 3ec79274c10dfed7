import { describe, expect, it } from "vitest";
import { judgeStageConfigSchema } from "./config";
import { judgeFormSchema, judgeStageConfigFromForm } from "./start-form";

describe("judge form", () => {
  it("turns a filled form into a valid stage config", () => {
    const form = judgeFormSchema.parse({ target: "run", runId: "r1", samples: "3", minScore: "0.8" });
    const config = judgeStageConfigSchema.parse(judgeStageConfigFromForm(form));
    expect(config).toMatchObject({
      target: { kind: "run", runId: "r1" },
      rubric: { samples: 3, temperature: 0.7 },
      filter: { minScore: 0.8 },
      concurrency: 16,
    });
    expect(judgeStageConfigSchema.parse(judgeStageConfigFromForm(judgeFormSchema.parse({ target: "ids", ids: ["t1"] }))).target).toEqual({
      kind: "ids",
      ids: ["t1"],
    });
    expect(config.batch).toBe(false);
    expect(judgeStageConfigSchema.parse(judgeStageConfigFromForm(judgeFormSchema.parse({ target: "unjudged", batch: true }))).batch).toBe(true);
  });

  it("refuses a run target without a run and an ids target without ids, with a message", () => {
    expect(judgeFormSchema.safeParse({ target: "run" }).error?.issues[0].message).toBe("Choose the simulate run to judge");
    expect(judgeFormSchema.safeParse({ target: "ids", ids: [] }).success).toBe(false);
    expect(judgeFormSchema.safeParse({ target: "unjudged", minScore: 2 }).success).toBe(false);
  });
});
