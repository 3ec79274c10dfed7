import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDb } from "../../test/db";
import type { Db } from "../db/client";
import { ensureBuiltinSources } from "./builtin-sources";
import { harvestSource } from "./harvest";
import { resolvePackageBin } from "./mcp/resolve-package";
import { createSource, listSources } from "./sources";

// a command allowed here (STUDIO_MCP_COMMANDS) that is not installed
vi.hoisted(() => {
  process.env.STUDIO_MCP_COMMANDS = "/nonexistent/mcp-server";
});

const SERVERS = path.resolve(import.meta.dirname, "../../test/fixtures/tools/servers");
let db: Db;
let dataDir: string;

beforeAll(async () => {
  ({ db } = await createTestDb());
  dataDir = await mkdtemp(path.join(os.tmpdir(), "catalog-harvest-"));
});

// under bubblewrap a server sees only its declared folders: the fixtures and the SDK they import
const FIXTURE_FOLDERS = [{ path: SERVERS }, { path: path.resolve("node_modules") }];
const fixtureServer = (name: string, script: string, timeoutMs = 5_000) =>
  createSource(db, { kind: "stdio", name, config: { command: process.execPath, args: [path.join(SERVERS, script)], timeoutMs, folders: FIXTURE_FOLDERS } });

describe("harvesting MCP servers", () => {
  it("finds the built-in server packages installed in the project", () => {
    for (const pkg of ["server-everything", "server-memory", "server-filesystem", "server-sequential-thinking"]) {
      expect(resolvePackageBin(`@modelcontextprotocol/${pkg}`), `npm install -E @modelcontextprotocol/${pkg}`).toMatch(/\.js$/);
    }
  });

  it("creates the built-in sources once however often it is asked", async () => {
    await ensureBuiltinSources(db, dataDir);
    await ensureBuiltinSources(db, dataDir);
    const sources = await listSources(db);
    expect(sources.filter((s) => s.builtin).map((s) => s.name)).toEqual([
      "server-everything",
      "server-filesystem",
      "server-memory",
      "server-sequential-thinking",
    ]);
    const fs = sources.find((s) => s.name === "server-filesystem")!;
    expect((fs.config as { args: string[] }).args).toEqual([path.join(dataDir, "scratch")]);
  });

  it("harvests server-everything and server-memory for real, with server name and version", async () => {
    const sources = await db.toolSource.findMany({ where: { name: { in: ["server-everything", "server-memory"] } }, orderBy: { name: "asc" } });
    const [everything, memory] = await Promise.all(sources.map((s) => harvestSource(db, s.id)));
    expect(everything.listed).toBeGreaterThanOrEqual(10);
    expect(everything.created).toBe(everything.listed - everything.rejected.length);
    expect(memory.listed).toBeGreaterThanOrEqual(5);
    const echo = await db.tool.findUniqueOrThrow({ where: { key: "server-everything/echo" }, include: { versions: true } });
    expect(echo).toMatchObject({ origin: "real", title: "Echo Tool", quality: "pending", annotations: expect.objectContaining({ readOnlyHint: true }) });
    expect(echo.versions).toHaveLength(1);
    expect(await db.tool.count({ where: { key: { startsWith: "server-memory/" } } })).toBe(memory.created);
    const source = await db.toolSource.findUniqueOrThrow({ where: { name: "server-everything" } });
    expect(source).toMatchObject({ serverName: "mcp-servers/everything", lastError: null, lastHarvestedAt: expect.any(Date) });
    expect(source.serverVersion).toMatch(/\d/);
  });

  it("harvesting again changes nothing and duplicates nothing", async () => {
    const source = await db.toolSource.findUniqueOrThrow({ where: { name: "server-memory" } });
    const before = await db.tool.count();
    const again = await harvestSource(db, source.id);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: again.listed, missing: [] });
    expect(await db.tool.count()).toBe(before);
    expect(await db.toolVersion.count({ where: { tool: { sourceId: source.id } } })).toBe(again.listed);
  });

  it("follows nextCursor through every page and normalizes each tool on its own", async () => {
    const source = await fixtureServer("paged", "paged.mjs");
    const summary = await harvestSource(db, source.id);
    expect(summary.listed).toBe(5);
    const names = (await db.tool.findMany({ where: { sourceId: source.id }, orderBy: { key: "asc" } })).map((t) => t.name);
    expect(names).toEqual(["page_one_a", "page_one_b", "page_three", "page_two"]);
    expect(summary.rejected).toEqual([expect.objectContaining({ reason: expect.stringMatching(/no tool name/) })]);
    const renamed = await db.tool.findUniqueOrThrow({ where: { key: "paged/page_two" } });
    expect(renamed.normalizations).toEqual(expect.arrayContaining([expect.objectContaining({ path: "name" })]));
    expect(await db.toolSource.findUniqueOrThrow({ where: { id: source.id } })).toMatchObject({ serverName: "paged-fixture", serverVersion: "3.1.4" });
  });

  it("a server that crashes on start leaves a clear error on its source with its stderr", async () => {
    const source = await fixtureServer("crashing", "crash.mjs");
    await expect(harvestSource(db, source.id)).rejects.toThrow(/could not connect.*GITHUB_TOKEN is not set/);
    const row = await db.toolSource.findUniqueOrThrow({ where: { id: source.id } });
    expect(row.lastError).toMatch(/closed|exited/);
    expect(row.lastError).toContain("GITHUB_TOKEN is not set");
  });

  it("a server that never answers times out", async () => {
    const source = await fixtureServer("hanging", "hang.mjs", 800);
    const started = Date.now();
    await expect(harvestSource(db, source.id)).rejects.toThrow(/no answer within 0.8 s/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("a server that prints garbage is reported as such", async () => {
    const source = await fixtureServer("garbage", "garbage.mjs", 800);
    await expect(harvestSource(db, source.id)).rejects.toThrow(/no answer within 0.8 s.*transport errors/);
  });

  it("a command that does not exist is reported", async () => {
    const source = await createSource(db, { kind: "stdio", name: "missing-command", config: { command: "/nonexistent/mcp-server", timeoutMs: 2_000 } });
    // started directly, by `unshare` (a PID namespace of its own) or by bubblewrap
    await expect(harvestSource(db, source.id)).rejects.toThrow(/ENOENT|(failed to execute|execvp) \/nonexistent\/mcp-server: No such file/);
  });
});

describe("harvesting tool files", () => {
  it("re-importing a changed file updates changed tools and keeps their history", async () => {
    const file = path.join(dataDir, "tools.json");
    const v1 = [
      { name: "lookup", description: "Look a word up.", parameters: { type: "object", properties: { word: { type: "string" } } } },
      { name: "define", description: "Define a word.", parameters: { type: "object", properties: { word: { type: "str" } } } },
    ];
    await writeFile(file, JSON.stringify(v1));
    const source = await createSource(db, { kind: "file", name: "dictionary", config: { path: file } });
    expect(await harvestSource(db, source.id)).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    const define = await db.tool.findUniqueOrThrow({ where: { key: "dictionary/define" } });
    expect(define.normalizations).toEqual([{ path: "inputSchema.properties.word.type", message: 'type "str" read as "string"' }]);
    await db.tool.update({ where: { id: define.id }, data: { quality: "accepted", embedding: [1, 0] } });

    await writeFile(file, JSON.stringify([v1[0], { ...v1[1], description: "Define a word in plain English." }]));
    expect(await harvestSource(db, source.id)).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const updated = await db.tool.findUniqueOrThrow({ where: { key: "dictionary/define" }, include: { versions: { orderBy: { createdAt: "asc" } } } });
    expect(updated.id).toBe(define.id);
    expect(updated).toMatchObject({ description: "Define a word in plain English.", quality: "pending", embedding: [] });
    expect(updated.versions.map((v) => (v.spec as { description: string }).description)).toEqual(["Define a word.", "Define a word in plain English."]);
    expect(await db.tool.count({ where: { sourceId: source.id } })).toBe(2);
  });

  it("a file that has gone away is an error on its source", async () => {
    const source = await createSource(db, { kind: "file", name: "gone", config: { path: path.join(dataDir, "nope.json") } });
    await expect(harvestSource(db, source.id)).rejects.toThrow(/is gone/);
  });
});
