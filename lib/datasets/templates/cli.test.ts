import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PgBoss } from "pg-boss";
import { createTestDb, createTestQueue, type TestDb } from "../../../test/db";
import { env } from "../../env";
import type { CliDeps } from "../../cli";
import { checkTemplateCommand, exportCommand } from "../cli";
import { cityDoc, saveWithVerdict } from "../testing/seed";
import { EXIT_CHECK_FAILED } from "./cli";

describe("chat-template checks from the command line", () => {
  let t: TestDb;
  let queue: PgBoss;
  let root: string;
  let refusing: string;
  let accepting: string;
  const previousDataDir = env.STUDIO_DATA_DIR;
  beforeAll(async () => {
    t = await createTestDb();
    queue = await createTestQueue(t);
    root = mkdtempSync(path.join(os.tmpdir(), "studio-template-cli-"));
    env.STUDIO_DATA_DIR = root; // this test file has its own process
    for (let i = 0; i < 5; i++) await saveWithVerdict(t.db, cityDoc(i), { verdict: "accepted" });
    refusing = path.join(root, "refuse-city-3.jinja");
    writeFileSync(
      refusing,
      "{% for m in messages %}{% if m.content and 'City-3' in m.content %}{{ raise_exception('no City-3 please') }}{% endif %}{{ m.role }}{% endfor %}",
    );
    accepting = path.join(root, "roles.jinja");
    writeFileSync(accepting, "{% for m in messages %}{{ m.role }}{% endfor %}");
  });
  afterAll(() => {
    env.STUDIO_DATA_DIR = previousDataDir;
    rmSync(root, { recursive: true, force: true });
  });

  function run<T>(command: (args: string[], deps: CliDeps) => Promise<T>, args: string[]) {
    const lines: string[] = [];
    let code = 0;
    const done = command(args, { db: t.db, queue, print: (l) => lines.push(l), setExitCode: (c) => (code = c) });
    return done.then((result) => ({ result, lines, code: () => code }));
  }

  it("export --check prints each refused record and a summary, and exits with the failing code", async () => {
    const { lines, code } = await run(exportCommand, ["--name", "checked", "--format", "trl", "--check", "--template", refusing]);
    expect(lines.filter((l) => l.startsWith("  train.jsonl:"))).toEqual([expect.stringMatching(/^ {2}train\.jsonl:\d raised: no City-3 please$/)]);
    expect(lines.at(-1)).toBe("Checked 5 records against refuse-city-3.jinja: 1 fail.");
    expect(code()).toBe(EXIT_CHECK_FAILED);
  });

  it("check-template checks an existing version and leaves the exit code alone when every record renders", async () => {
    const { result, lines, code } = await run(checkTemplateCommand, ["--dataset", "checked", "--template", accepting]);
    expect(result).toMatchObject({ checked: 5, failed: 0 });
    expect(lines).toEqual(["checked v1 (trl):", "Checked 5 records against roles.jinja: all render."]);
    expect(code()).toBe(0);
  });

  it("a template that cannot be had, or a format that is not chat, stops the export before anything is written", async () => {
    await expect(exportCommand(["--name", "never", "--check", "--template", path.join(root, "missing.jinja")], { db: t.db, queue })).rejects.toThrow(
      /No such file/,
    );
    await expect(exportCommand(["--name", "never", "--format", "react", "--check", "--template", accepting], { db: t.db, queue })).rejects.toThrow(
      /not chat messages/,
    );
    await expect(exportCommand(["--name", "never", "--check"], { db: t.db, queue })).rejects.toThrow(/--check and --template go together/);
    expect(await t.db.dataset.count({ where: { name: "never" } })).toBe(0);
  });

  it("check-template names what is missing", async () => {
    await expect(checkTemplateCommand(["--dataset", "nope", "--template", accepting], { db: t.db, queue })).rejects.toThrow("No written dataset version nope");
    await expect(checkTemplateCommand(["--dataset", "checked"], { db: t.db, queue })).rejects.toThrow(/usage: npm run studio -- check-template/);
  });
});
