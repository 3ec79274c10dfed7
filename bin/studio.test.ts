import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase } from "../test/db";

const ROOT = path.resolve(import.meta.dirname, "..");

function studio(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "bin/studio.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status, stderr: r.stderr.trim(), stdout: r.stdout.trim() };
}

describe("the CLI's errors", () => {
  it("a port already in use is one clear line, not a stack trace", async () => {
    const server = net.createServer().listen(0);
    await new Promise((r) => server.once("listening", r));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const r = studio(["start"], { PORT: String(port), DATABASE_URL: "" });
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`error: Port ${port} is already in use: stop what is using it or set PORT to another port`);
    } finally {
      server.close();
    }
  });

  it("a malformed or unreachable DATABASE_URL is one clear line", () => {
    const bad = studio(["status"], { DATABASE_URL: "not a url" });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe("error: Invalid environment: DATABASE_URL: Invalid URL");

    const unreachable = studio(["status"], { DATABASE_URL: "postgresql://studio:x@127.0.0.1:1/studio" });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr.split("\n")).toHaveLength(1);
    expect(unreachable.stderr).toMatch(/^error: Cannot connect to PostgreSQL at 127\.0\.0\.1:1\/studio: ECONNREFUSED/);
  });

  it("an unknown command lists the commands there are", () => {
    const r = studio(["frobnicate"], {});
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
    expect(r.stderr).toContain("migrate");
  });
});

describe("the CLI's exit codes and help", () => {
  const FIXTURES = path.join(ROOT, "test/fixtures/trajectories");
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataDir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    database = await createTestDatabase(inject("databaseUrl"), "cli");
    dataDir = mkdtempSync(path.join(os.tmpdir(), "studio-cli-exit-"));
    env = { DATABASE_URL: database.url, STUDIO_DATA_DIR: dataDir };
  });
  afterAll(async () => {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("an import with some unreadable records exits 3, one with none readable exits 1, one that adds nothing new exits 0", () => {
    const partial = studio(["import", path.join(FIXTURES, "broken-lines.jsonl")], env);
    expect(partial.code).toBe(3);
    expect(partial.stdout).toContain('line 6: messages.0.role: unknown role "robot"');

    const none = path.join(dataDir, "none.jsonl");
    writeFileSync(none, 'not json\n{"messages": []}\n');
    const failed = studio(["import", none], env);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain("line 1: not JSON");

    const again = studio(["import", path.join(FIXTURES, "toolbench-answer.json")], env);
    expect(again.code).toBe(0);
    expect(studio(["import", path.join(FIXTURES, "toolbench-answer.json")], env).code).toBe(0);
  });

  it("status says how code tasks and MCP servers are confined on this machine", () => {
    const r = studio(["status"], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^sandbox {5}bubblewrap \(javascript, typescript, python\): code runs under bubblewrap/m);
    expect(r.stdout).toMatch(/^mcp {9}bubblewrap: stdio MCP servers run under bubblewrap/m);
  });

  it.each(["export", "import", "import-tools", "judge", "quality", "embed", "cluster", "simulate", "retry"])(
    "%s --help prints its usage and exits 0",
    (name) => {
      const r = studio([name, "--help"], { DATABASE_URL: "postgresql://studio:x@127.0.0.1:1/unreachable" });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^usage: npm run studio -- ${name}`));
    },
  );
});
