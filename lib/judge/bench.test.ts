import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { benchJudge } from "./bench";

describe("judge benchmark", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  it("judges a small synthetic set on the offline provider and over HTTP, meets its own checks and cleans up", async () => {
    const figures = await benchJudge({ db: t.db, count: 21, concurrency: 4, httpCount: 9, httpLatencyMs: 20, httpConcurrency: 4 });
    const value = (prefix: string) => figures.find((f) => f.name.startsWith(prefix))!.value;
    expect(value("judge: throughput")).toBeGreaterThan(0);
    expect(value("judge: failed items")).toBe(0);
    expect(value("judge: rubric calls answered from the response cache")).toBe(0);
    expect(value("judge: accepted vs what the set was built to give")).toBe(0);
    expect(value("judge over HTTP: failed items")).toBe(0);
    expect(value("judge over HTTP: throughput /")).toBeGreaterThan(0);
    expect(await t.db.trajectory.count()).toBe(0);
    expect(await t.db.run.count()).toBe(0);
  });
});
