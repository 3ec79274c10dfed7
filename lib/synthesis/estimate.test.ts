import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../test/db";
import type { Db } from "../db/client";
import { agentSynthesisConfig, taskSynthesisConfig, toolSynthesisConfig } from "./config";
import { estimateAgentRun, estimateTaskRun, estimateToolRun } from "./estimate";
import { seedCatalogue } from "./testing/fixtures";

describe("cost estimates before a run", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
    await seedCatalogue(db);
    await db.modelPrice.create({ data: { model: "gpt-test", inputPerMillionUsd: 1, outputPerMillionUsd: 4 } });
  });

  it("counts the items and calls a tool run will make and prices them", async () => {
    const e = await estimateToolRun(db, toolSynthesisConfig.parse({ perCategory: 10, toolsPerCall: 5 }), { model: "gpt-test", provider: "openai" });
    expect(e.items).toBe(60);
    expect(e.calls).toBe(6 + Math.ceil((60 * 1.25) / 5));
    expect(e.costUsd).toBeCloseTo((e.promptTokens * 1 + e.completionTokens * 4) / 1e6, 10);
    const batched = await estimateToolRun(db, toolSynthesisConfig.parse({ perCategory: 10, toolsPerCall: 5, batch: true }), {
      model: "gpt-test",
      provider: "openai",
    });
    expect(batched.costUsd).toBeCloseTo(e.costUsd! / 2, 10);
    expect((await estimateToolRun(db, toolSynthesisConfig.parse({ perCategory: 10, total: 7 }), null)).items).toBe(7);
  });

  it("is free on the offline provider and unknown for a model without a price", async () => {
    const cfg = agentSynthesisConfig.parse({ count: 12 });
    expect(await estimateAgentRun(db, cfg, { model: "offline", provider: "offline" })).toMatchObject({ items: 12, calls: 12, costUsd: 0 });
    expect((await estimateAgentRun(db, cfg, { model: "unpriced", provider: "openai" })).costUsd).toBeNull();
  });

  it("counts verifiable tasks as items that need no generator call", async () => {
    const e = await estimateTaskRun(db, taskSynthesisConfig.parse({ agentIds: ["a", "b"], perAgent: 3, codeTasksPerAgent: 1, mathTasksPerAgent: 2 }), null);
    expect(e).toMatchObject({ items: 12, calls: 6 });
  });
});
