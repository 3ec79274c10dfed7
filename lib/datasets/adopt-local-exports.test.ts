import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { adoptLocalExports } from "./adopt-local-exports";
import { datasetText } from "./testing/files";

describe("dataset versions written to the data folder before the artifact store", () => {
  let t: TestDb;
  const root = mkdtempSync(path.join(os.tmpdir(), "studio-adopt-"));
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("are stored from this machine's folder once, byte for byte, and the folder is left as it was", async () => {
    const manifest = { name: "old", version: 1, files: [{ name: "train.jsonl", records: 1, bytes: 3, sha256: "x" }] };
    const rel = path.join("exports", "old", "v1");
    mkdirSync(path.join(root, rel), { recursive: true });
    const files = { "train.jsonl": "{}\n", "manifest.json": `${JSON.stringify(manifest, null, 2)}\n`, "README.md": "# old v1\n" };
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(root, rel, name), text);
    const old = await t.db.dataset.create({ data: { name: "old", version: 1, format: "openai", path: rel, count: 1 } });
    // one written on another machine: nothing here to store
    await t.db.dataset.create({ data: { name: "elsewhere", version: 1, format: "openai", path: path.join("exports", "elsewhere", "v1"), count: 1 } });

    expect(await adoptLocalExports(t.db, root)).toBe(1);
    for (const [name, text] of Object.entries(files)) expect(await datasetText(t.db, old.id, name as keyof typeof files)).toBe(text);
    expect(await adoptLocalExports(t.db, root)).toBe(0);
    expect(await t.db.artifact.count({ where: { datasetId: old.id } })).toBe(3);
  });
});
