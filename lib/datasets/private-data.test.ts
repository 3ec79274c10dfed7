import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { env } from "../env";
import { cancelRun } from "../jobs/runs";
import { executeRun } from "../jobs/worker";
import { stages } from "../pipeline";
import { importCommand, intoDataDir } from "./cli";
import { exportDataset } from "./export";
import { cityDoc, saveWithVerdict } from "./testing/seed";

// Exports and imports are other people's data: only the studio's user may
// read them, and an upload is kept only until its import run ends.

const FIXTURES = path.resolve(import.meta.dirname, "../../test/fixtures/trajectories");
const mode = (p: string) => statSync(p).mode & 0o777;

describe("exported and imported files", () => {
  let t: TestDb;
  let root: string;
  const previousDataDir = env.STUDIO_DATA_DIR;
  beforeAll(async () => {
    t = await createTestDb();
    root = mkdtempSync(path.join(os.tmpdir(), "studio-private-"));
    env.STUDIO_DATA_DIR = root; // the stages read the data folder from env; this test file has its own process
    for (let i = 0; i < 4; i++) await saveWithVerdict(t.db, cityDoc(i), { verdict: "accepted" });
  });
  afterAll(() => {
    env.STUDIO_DATA_DIR = previousDataDir;
    rmSync(root, { recursive: true, force: true });
  });

  it("an export's folders are 0700 and its files 0600, even where exports/ was made open before", async () => {
    mkdirSync(path.join(root, "exports"), { mode: 0o755 });
    chmodSync(path.join(root, "exports"), 0o755);
    const { dir } = await exportDataset(t.db, { name: "private-set", validationFraction: 0.5 }, { root });
    expect(mode(path.join(root, "exports"))).toBe(0o700);
    expect(mode(path.join(root, "exports", "private-set"))).toBe(0o700);
    expect(mode(dir)).toBe(0o700);
    const files = readdirSync(dir).sort();
    expect(files).toEqual(["README.md", "manifest.json", "train.jsonl", "validation.jsonl"]);
    expect(Object.fromEntries(files.map((f) => [f, mode(path.join(dir, f))]))).toEqual(Object.fromEntries(files.map((f) => [f, 0o600])));
  });

  function upload(name: string, fixture: string | null): string {
    mkdirSync(path.join(root, "imports"), { recursive: true, mode: 0o700 });
    const rel = path.join("imports", name);
    if (fixture) copyFileSync(path.join(FIXTURES, fixture), path.join(root, rel));
    else writeFileSync(path.join(root, rel), "\n\n");
    return rel;
  }

  async function importRun(rel: string) {
    const run = await t.db.run.create({ data: { kind: "import", config: { path: rel } } });
    await executeRun(t.db, run.id, { stages });
    return t.db.run.findUniqueOrThrow({ where: { id: run.id } });
  }

  it("an upload is removed when its import run ends, whether it succeeded, ended partial or failed", async () => {
    const cases = [
      { rel: upload("whole.jsonl", "trl-rows.jsonl"), status: "succeeded" },
      { rel: upload("broken.jsonl", "broken-lines.jsonl"), status: "partial" },
      { rel: upload("empty.jsonl", null), status: "failed" },
    ];
    for (const c of cases) {
      expect((await importRun(c.rel)).status).toBe(c.status);
      expect(existsSync(path.join(root, c.rel)), c.rel).toBe(false);
    }
  });

  it("an upload whose import was cancelled before it started is removed when the next import starts; a file imported in place stays", async () => {
    const cancelled = upload("cancelled.jsonl", "broken-lines.jsonl");
    const queued = await t.db.run.create({ data: { kind: "import", config: { path: cancelled } } });
    expect(await cancelRun(t.db, queued.id)).toBe(true);
    // someone's own file elsewhere in the data folder, imported where it lies
    copyFileSync(path.join(FIXTURES, "broken-lines.jsonl"), path.join(root, "mine.jsonl"));
    expect((await importRun("mine.jsonl")).status).toBe("partial");
    expect(existsSync(path.join(root, cancelled))).toBe(false);
    expect(existsSync(path.join(root, "mine.jsonl"))).toBe(true);
  });

  it("the command line copies a file into imports/ readable by the studio's user only, and its import run removes the copy", async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), "studio-private-src-"));
    try {
      const source = path.join(outside, "shared.jsonl");
      copyFileSync(path.join(FIXTURES, "broken-lines.jsonl"), source);
      chmodSync(source, 0o644);
      chmodSync(path.join(root, "imports"), 0o755);
      const rel = await intoDataDir(source);
      expect(mode(path.join(root, "imports"))).toBe(0o700);
      expect(mode(path.join(root, rel))).toBe(0o600);
      rmSync(path.join(root, rel));

      await importCommand([source], { db: t.db, print: () => {}, setExitCode: () => {} });
      expect(readdirSync(path.join(root, "imports")).filter((f) => f.endsWith("-shared.jsonl"))).toEqual([]);
      expect(existsSync(source)).toBe(true);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
