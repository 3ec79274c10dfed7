import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import type { Prisma } from "../db/client";
import { llmUsage } from "./usage";

const call = (row: Partial<Prisma.LlmCallCreateManyInput> & Pick<Prisma.LlmCallCreateManyInput, "role" | "model">): Prisma.LlmCallCreateManyInput => ({
  provider: "openai",
  endpoint: "https://llm.example.com/v1",
  requestHash: "h",
  status: "ok",
  ...row,
});

describe("LLM usage totals", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  it("is all zeros before any call", async () => {
    expect(await llmUsage(t.db)).toEqual({
      byModel: [],
      byRole: [],
      total: { calls: 0, cachedCalls: 0, errors: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 },
    });
  });

  it("adds up calls, cache hits, errors, tokens and cost per model and per role", async () => {
    await t.db.llmCall.createMany({
      data: [
        call({ role: "judge", model: "kimi-k2", promptTokens: 1000, completionTokens: 200, costUsd: 0.5 }),
        call({ role: "judge", model: "kimi-k2", promptTokens: 3000, completionTokens: 100, costUsd: 1.25 }),
        call({ role: "judge", model: "kimi-k2", status: "cached", cached: true }),
        call({ role: "agent", model: "kimi-k2", promptTokens: 10, completionTokens: 5, costUsd: 0.25 }),
        call({ role: "agent", model: "kimi-k2", status: "error", error: "429 Too Many Requests" }),
        call({ role: "generator", model: "offline", provider: "offline", endpoint: "offline", promptTokens: 40, completionTokens: 60 }),
        call({ role: "embedding", model: "offline", provider: "offline", endpoint: "offline", promptTokens: 7 }),
      ],
    });
    const usage = await llmUsage(t.db);

    expect(usage.byModel).toEqual([
      { model: "kimi-k2", provider: "openai", calls: 5, cachedCalls: 1, errors: 1, promptTokens: 4010, completionTokens: 305, costUsd: 2 },
      { model: "offline", provider: "offline", calls: 2, cachedCalls: 0, errors: 0, promptTokens: 47, completionTokens: 60, costUsd: 0 },
    ]);
    // Roles come in the gateway's order, and only those that made calls.
    expect(usage.byRole.map((r) => [r.role, r.calls, r.cachedCalls, r.errors, r.promptTokens, r.completionTokens])).toEqual([
      ["generator", 1, 0, 0, 40, 60],
      ["agent", 2, 0, 1, 10, 5],
      ["judge", 3, 1, 0, 4000, 300],
      ["embedding", 1, 0, 0, 7, 0],
    ]);
    expect(usage.byRole.find((r) => r.role === "judge")!.costUsd).toBeCloseTo(1.75, 10);
    expect(usage.total).toEqual({ calls: 7, cachedCalls: 1, errors: 1, promptTokens: 4057, completionTokens: 365, costUsd: 2 });
  });
});
