import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./embedded";

describe("embedded PostgreSQL", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "studio-embedded-"));
  chmodSync(dir, 0o755);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function query(url: string, sql: string) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  }

  it("keeps its data across a stop and a start", { timeout: 60_000 }, async () => {
    const first = await startEmbeddedPostgres({ dir: path.join(dir, "pg"), database: "studio", port: 0 });
    await query(first.url, "create table kept (v text); insert into kept values ('still here')");
    await first.stop();
    const second = await startEmbeddedPostgres({ dir: path.join(dir, "pg"), database: "studio", port: 0 });
    try {
      expect(await query(second.url, "select v from kept")).toEqual([{ v: "still here" }]);
    } finally {
      await second.stop();
    }
  });
});
