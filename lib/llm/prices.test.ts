import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { costUsd } from "./accounting";
import { createGateway } from "./gateway";
import { deletePrice, listPrices, savePrice } from "./prices";

describe("model prices", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  it("adds, updates and deletes a model's price", async () => {
    expect(await savePrice(t.db, { model: " kimi-k2 ", inputPerMillionUsd: 0.6, outputPerMillionUsd: 2.5 })).toMatchObject({
      ok: true,
      value: { model: "kimi-k2" },
    });
    await savePrice(t.db, { model: "gpt-4.1-mini", inputPerMillionUsd: 0.4, outputPerMillionUsd: 1.6 });
    await savePrice(t.db, { model: "kimi-k2", inputPerMillionUsd: 0.5, outputPerMillionUsd: 2 });
    expect((await listPrices(t.db)).map((p) => [p.model, p.inputPerMillionUsd, p.outputPerMillionUsd])).toEqual([
      ["gpt-4.1-mini", 0.4, 1.6],
      ["kimi-k2", 0.5, 2],
    ]);
    expect(await deletePrice(t.db, "kimi-k2")).toBe(true);
    expect(await deletePrice(t.db, "kimi-k2")).toBe(false);
    expect((await listPrices(t.db)).map((p) => p.model)).toEqual(["gpt-4.1-mini"]);
  });

  it("rejects a nameless model, negative, missing or unreadable prices, field by field", async () => {
    const result = await savePrice(t.db, { model: "  ", inputPerMillionUsd: -1, outputPerMillionUsd: Number.NaN });
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { model: expect.stringMatching(/model/i), inputPerMillionUsd: "A price cannot be negative", outputPerMillionUsd: "Must be a number" },
    });
    expect(await savePrice(t.db, { model: "m" })).toMatchObject({ ok: false, fieldErrors: { inputPerMillionUsd: "Required" } });
    expect((await listPrices(t.db)).map((p) => p.model)).not.toContain("m");
  });

  it("is what the gateway charges a call made after it is saved", async () => {
    await savePrice(t.db, { model: "offline", inputPerMillionUsd: 1000, outputPerMillionUsd: 3000 });
    const result = await createGateway({ db: t.db }).chat("judge", { messages: [{ role: "user", content: "Is this trajectory any good?" }] }, { cache: false });
    expect(result.usage.promptTokens).toBeGreaterThan(0);
    expect(result.costUsd).toBeCloseTo(costUsd({ inputPerMillionUsd: 1000, outputPerMillionUsd: 3000 }, result.usage), 12);
  });
});
