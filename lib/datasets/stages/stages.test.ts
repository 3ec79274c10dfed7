import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../../test/db";
import { env } from "../../env";
import { executeRun } from "../../jobs/worker";
import { stages } from "../../pipeline";
import { putArtifact } from "../../artifacts/store";
import { datasetFile, listDatasets } from "../files";
import { cityDoc, saveWithVerdict } from "../testing/seed";

const FIXTURES = path.resolve(import.meta.dirname, "../../../test/fixtures/trajectories");

describe("export and import as runs", () => {
  let t: TestDb;
  let root: string;
  const previousDataDir = env.STUDIO_DATA_DIR;
  beforeAll(async () => {
    t = await createTestDb();
    root = mkdtempSync(path.join(os.tmpdir(), "studio-stages-"));
    env.STUDIO_DATA_DIR = root; // the stages read the data folder from env; this test file has its own process
    for (let i = 0; i < 12; i++) await saveWithVerdict(t.db, cityDoc(i), { verdict: i < 10 ? "accepted" : "rejected" });
  });
  afterAll(() => {
    env.STUDIO_DATA_DIR = previousDataDir;
    rmSync(root, { recursive: true, force: true });
  });

  it("an import run counts records done and failed and records each error by line", async () => {
    const upload = await putArtifact(t.db, { kind: "upload", name: "broken.jsonl" }, [readFileSync(path.join(FIXTURES, "broken-lines.jsonl"))]);
    const run = await t.db.run.create({ data: { kind: "import", config: { artifactId: upload.id, name: upload.name } } });
    await executeRun(t.db, run.id, { stages });
    const after = await t.db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(after).toMatchObject({ status: "partial", total: 11, done: 2, failed: 9 });
    expect((after.errors as { key: string }[]).map((e) => e.key)).toEqual([
      "line 2",
      "line 3",
      "line 4",
      "line 6",
      "line 7",
      "line 8",
      "line 9",
      "line 10",
      "line 12",
    ]);
    expect(await t.db.trajectory.count({ where: { runId: run.id, imported: true } })).toBe(2);
  });

  it("an import run refuses a config that names a file path instead of an upload", async () => {
    const run = await t.db.run.create({ data: { kind: "import", config: { path: "../../etc/passwd" } } });
    await executeRun(t.db, run.id, { stages });
    expect(await t.db.run.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "failed", message: expect.stringMatching(/artifactId/) });
  });

  it("an export run writes a dataset version with progress, and resuming it writes nothing twice", async () => {
    const run = await t.db.run.create({ data: { kind: "export", config: { name: "weather", format: "trl", validationFraction: 0.2 } } });
    await executeRun(t.db, run.id, { stages });
    const after = await t.db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(after).toMatchObject({ status: "succeeded", total: 10, done: 10, failed: 0 });
    expect(after.message).toMatch(/^Wrote weather v1: 10 records/);

    const [listed] = await listDatasets(t.db);
    expect(listed).toMatchObject({ name: "weather", version: 1, format: "trl", count: 10, runId: run.id });
    expect(listed.files).toEqual(["train.jsonl", "validation.jsonl", "manifest.json", "README.md"]);
    const file = await datasetFile(t.db, listed.id, "README.md");
    expect(file).toMatchObject({ contentType: expect.stringContaining("markdown"), downloadName: "weather-v1-README.md" });

    await t.db.run.update({ where: { id: run.id }, data: { status: "running" } });
    await executeRun(t.db, run.id, { stages });
    expect(await t.db.dataset.count({ where: { name: "weather" } })).toBe(1);
    expect(await t.db.artifact.count({ where: { datasetId: listed.id } })).toBe(4);
    // the files are in the artifact store, where every process reaches them, not in this machine's folder
    expect(readdirSync(root)).toEqual([]);
  });
});
