import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PgBoss } from "pg-boss";
import { createTestDb, createTestQueue, type TestDb } from "../../test/db";
import { env } from "../env";
import { EXIT_PARTIAL, exportCommand, importCommand } from "./cli";
import { cityDoc, saveWithVerdict } from "./testing/seed";

const FIXTURES = path.resolve(import.meta.dirname, "../../test/fixtures/trajectories");

describe("studio export / import commands", () => {
  let t: TestDb;
  let queue: PgBoss;
  let root: string;
  const previousDataDir = env.STUDIO_DATA_DIR;
  beforeAll(async () => {
    t = await createTestDb();
    queue = await createTestQueue(t);
    root = mkdtempSync(path.join(os.tmpdir(), "studio-cli-"));
    env.STUDIO_DATA_DIR = root; // this test file has its own process
    for (let i = 0; i < 5; i++) await saveWithVerdict(t.db, cityDoc(i), { verdict: "accepted" });
  });
  afterAll(() => {
    env.STUDIO_DATA_DIR = previousDataDir;
    rmSync(root, { recursive: true, force: true });
  });

  it("export writes a dataset version and prints a JSON summary", async () => {
    const lines: string[] = [];
    await exportCommand(["--name", "cli-set", "--format", "react", "--json"], { db: t.db, queue, print: (l) => lines.push(l) });
    const summary = JSON.parse(lines[0]);
    expect(summary).toMatchObject({ status: "succeeded", name: "cli-set", version: 1, records: 5 });
    expect(readdirSync(summary.dir).sort()).toEqual(["README.md", "manifest.json", "train.jsonl"]);
  });

  it("export refuses bad options with the reason and the usage", async () => {
    await expect(exportCommand(["--name", "x", "--format", "csv"], { db: t.db, queue })).rejects.toThrow(/format: .*\n.*usage: npm run studio -- export/s);
    await expect(exportCommand(["--name", "x", "--validation", "0.9"], { db: t.db, queue })).rejects.toThrow(/validationFraction/);
  });

  it("import stores the file as an upload, lists unreadable records, and exits with the partial code", async () => {
    const lines: string[] = [];
    let code = 0;
    const summary = await importCommand([path.join(FIXTURES, "broken-lines.jsonl")], {
      db: t.db,
      queue,
      print: (l) => lines.push(l),
      setExitCode: (c) => (code = c),
    });
    expect(summary).toMatchObject({ records: 11, imported: 2, failed: 9 });
    expect(lines).toContain('  line 6: messages.0.role: unknown role "robot"');
    expect(code).toBe(EXIT_PARTIAL);
    expect(await t.db.artifact.count({ where: { kind: "upload" } })).toBe(0); // the upload is removed once its run has ended
  });

  it("import of a file that does not exist says so", async () => {
    await expect(importCommand([path.join(root, "..", "missing.jsonl")], { db: t.db, queue })).rejects.toThrow(/No such file/);
    expect(existsSync(path.join(root, "imports"))).toBe(false);
    expect(await t.db.artifact.count({ where: { kind: "upload" } })).toBe(0);
  });
});
