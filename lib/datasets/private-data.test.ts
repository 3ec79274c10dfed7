import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PgBoss } from "pg-boss";
import { createTestDb, createTestQueue, type TestDb } from "../../test/db";
import { createArtifact, putArtifact } from "../artifacts/store";
import { env } from "../env";
import { cancelRun } from "../jobs/runs";
import { executeRun } from "../jobs/worker";
import { stages } from "../pipeline";
import { copyDatasetFiles, importCommand } from "./cli";
import { exportDataset } from "./export";
import { removeEndedUploads } from "./import/uploads";
import { datasetText } from "./testing/files";
import { cityDoc, saveWithVerdict } from "./testing/seed";

// Exports and imports are other people's data: an upload is kept only until
// its import run ends, and the copy of an export the command line leaves in
// the data folder is readable by the studio's user only.

const FIXTURES = path.resolve(import.meta.dirname, "../../test/fixtures/trajectories");
const mode = (p: string) => statSync(p).mode & 0o777;

describe("exported and imported files", () => {
  let t: TestDb;
  let queue: PgBoss;
  let root: string;
  const previousDataDir = env.STUDIO_DATA_DIR;
  beforeAll(async () => {
    t = await createTestDb();
    queue = await createTestQueue(t);
    root = mkdtempSync(path.join(os.tmpdir(), "studio-private-"));
    env.STUDIO_DATA_DIR = root; // the command reads the data folder from env; this test file has its own process
    for (let i = 0; i < 4; i++) await saveWithVerdict(t.db, cityDoc(i), { verdict: "accepted" });
  });
  afterAll(() => {
    env.STUDIO_DATA_DIR = previousDataDir;
    rmSync(root, { recursive: true, force: true });
  });

  it("the local copy of an export has folders 0700 and files 0600, even where exports/ was made open before, and the stored bytes", async () => {
    mkdirSync(path.join(root, "exports"), { mode: 0o755 });
    chmodSync(path.join(root, "exports"), 0o755);
    const { dataset } = await exportDataset(t.db, { name: "private-set", validationFraction: 0.5 });
    const dir = await copyDatasetFiles(t.db, dataset.id, dataset.path!);
    expect(dir).toBe(path.join(root, "exports", "private-set", "v1"));
    expect(mode(path.join(root, "exports"))).toBe(0o700);
    expect(mode(path.join(root, "exports", "private-set"))).toBe(0o700);
    expect(mode(dir)).toBe(0o700);
    const files = readdirSync(dir).sort();
    expect(files).toEqual(["README.md", "manifest.json", "train.jsonl", "validation.jsonl"]);
    expect(Object.fromEntries(files.map((f) => [f, mode(path.join(dir, f))]))).toEqual(Object.fromEntries(files.map((f) => [f, 0o600])));
    for (const f of ["train.jsonl", "validation.jsonl", "manifest.json", "README.md"] as const)
      expect(readFileSync(path.join(dir, f), "utf8")).toBe(await datasetText(t.db, dataset.id, f));
  });

  const upload = async (name: string, fixture: string | null) =>
    (await putArtifact(t.db, { kind: "upload", name }, [fixture ? readFileSync(path.join(FIXTURES, fixture)) : "\n\n"])).id;
  const stored = async (id: string) => (await t.db.artifact.count({ where: { id } })) === 1;

  async function importRun(artifactId: string) {
    const run = await t.db.run.create({ data: { kind: "import", config: { artifactId, name: "file.jsonl" } } });
    await executeRun(t.db, run.id, { stages });
    return t.db.run.findUniqueOrThrow({ where: { id: run.id } });
  }

  it("an upload is removed when its import run ends, whether it succeeded, ended partial or failed", async () => {
    const cases = [
      { id: await upload("whole.jsonl", "trl-rows.jsonl"), status: "succeeded" },
      { id: await upload("broken.jsonl", "broken-lines.jsonl"), status: "partial" },
      { id: await upload("empty.jsonl", null), status: "failed" },
    ];
    for (const c of cases) {
      expect(await stored(c.id)).toBe(true);
      expect((await importRun(c.id)).status).toBe(c.status);
      expect(await stored(c.id), c.status).toBe(false);
      expect(await t.db.artifactChunk.count({ where: { artifactId: c.id } })).toBe(0);
    }
  });

  it("an import of an upload no longer stored fails saying so", async () => {
    const run = await importRun("gone");
    expect(run).toMatchObject({ status: "failed", message: expect.stringMatching(/no longer stored/) });
  });

  it("an upload whose import was cancelled before it started is removed when the next import starts; one still arriving stays, one abandoned a day ago goes", async () => {
    const cancelled = await upload("cancelled.jsonl", "broken-lines.jsonl");
    const queued = await t.db.run.create({ data: { kind: "import", config: { artifactId: cancelled, name: "cancelled.jsonl" } } });
    expect(await cancelRun(t.db, queued.id)).toBe(true);
    const arriving = await createArtifact(t.db, { kind: "upload", name: "arriving.jsonl" });
    const abandoned = await createArtifact(t.db, { kind: "upload", name: "abandoned.jsonl" });
    await t.db.artifact.update({ where: { id: abandoned.id }, data: { createdAt: new Date(Date.now() - 25 * 3600_000) } });
    expect((await importRun(await upload("next.jsonl", "broken-lines.jsonl"))).status).toBe("partial");
    expect(await stored(cancelled)).toBe(false);
    expect(await stored(abandoned.id)).toBe(false);
    expect(await stored(arriving.id)).toBe(true);
    expect(await removeEndedUploads(t.db)).toEqual([]);
  });

  it("the command line stores a file as an upload, its import run removes it, and nothing is left in the data folder", async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), "studio-private-src-"));
    try {
      const source = path.join(outside, "shared.jsonl");
      copyFileSync(path.join(FIXTURES, "broken-lines.jsonl"), source);
      const before = await t.db.artifact.count({ where: { kind: "upload" } });
      const summary = await importCommand([source], { db: t.db, queue, print: () => {}, setExitCode: () => {} });
      expect(summary).toMatchObject({ status: "partial", imported: 2 });
      expect(await t.db.artifact.count({ where: { kind: "upload" } })).toBe(before);
      expect(existsSync(path.join(root, "imports"))).toBe(false);
      expect(existsSync(source)).toBe(true);
      await expect(importCommand([path.join(outside, "missing.jsonl")], { db: t.db, queue })).rejects.toThrow(/No such file/);
      expect(await t.db.artifact.count({ where: { kind: "upload" } })).toBe(before);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
