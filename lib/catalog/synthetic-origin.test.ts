import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../test/db";
import type { Db } from "../db/client";
import { loadSyntheticOrigin, readSyntheticProvenance } from "./synthetic-origin";

let db: Db;
beforeAll(async () => {
  ({ db } = await createTestDb());
});

describe("a synthetic tool's origin", () => {
  it("names its seed tools, category, domain, run, model and prompt version, and tells which rows still exist", async () => {
    const seed = await db.tool.create({ data: { origin: "real", key: "src/search_flights", name: "search_flights", specHash: "h" } });
    const category = await db.category.create({ data: { name: "Flights" } });
    const run = await db.run.create({ data: { kind: "synthesize_tools" } });
    const origin = await loadSyntheticOrigin(db, {
      category: { id: category.id, name: "Flights" },
      domain: "Travel",
      seedTools: [
        { id: seed.id, name: "search_flights" },
        { id: "gone", name: "book_flight" },
      ],
      runId: run.id,
      model: "offline-generator",
      provider: "offline",
      promptVersion: "tools-v1",
      seed: 7,
      runSeed: 1,
    });
    expect(origin).toMatchObject({
      domain: "Travel",
      model: "offline-generator",
      provider: "offline",
      promptVersion: "tools-v1",
      seed: 7,
      categoryExists: true,
      seeds: [
        { id: seed.id, name: "search_flights", exists: true },
        { id: "gone", name: "book_flight", exists: false },
      ],
      run: { id: run.id, kind: "synthesize_tools" },
    });
  });

  it("reads what an older or damaged provenance still has, and nothing it does not", async () => {
    expect(readSyntheticProvenance({ domain: "Travel", seedTools: "nonsense", seed: "7" })).toEqual({ domain: "Travel" });
    expect(readSyntheticProvenance(null)).toEqual({});
    const origin = await loadSyntheticOrigin(db, {});
    expect(origin).toMatchObject({ seeds: [], run: null, categoryExists: false });
  });
});
