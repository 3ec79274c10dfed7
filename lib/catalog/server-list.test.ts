import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../test/db";
import type { Db } from "../db/client";
import { EXIT_PARTIAL, importServersCommand } from "./cli";
import { sourceFor } from "./server-list";

const SERVERS = path.resolve(import.meta.dirname, "../../test/fixtures/tools/servers");
let db: Db;

beforeAll(async () => {
  ({ db } = await createTestDb());
});

describe("MCP server lists (mcpServers / servers configurations)", () => {
  it("reads the Claude Desktop / Cursor and the VS Code shapes as sources", () => {
    expect(sourceFor("filesystem", { command: "npx", args: ["-y", "@modelcontextprotocol/server-filesystem", "/tmp"], env: { DEBUG: "1" } })).toEqual({
      source: {
        kind: "stdio",
        name: "filesystem",
        config: { command: "npx", args: ["-y", "@modelcontextprotocol/server-filesystem", "/tmp"], env: { DEBUG: "1" } },
      },
    });
    // the studio's own keys pass through: the folders a server may see under bubblewrap, and the network
    expect(
      sourceFor("notes", {
        command: "node",
        args: ["/srv/notes/index.js"],
        folders: [{ path: "/srv/notes" }, { path: "/srv/notes/db", write: true }],
        network: true,
      }),
    ).toEqual({
      source: {
        kind: "stdio",
        name: "notes",
        config: {
          command: "node",
          args: ["/srv/notes/index.js"],
          env: {},
          folders: [{ path: "/srv/notes" }, { path: "/srv/notes/db", write: true }],
          network: true,
        },
      },
    });
    expect(sourceFor("GitHub Remote", { type: "http", url: "https://api.githubcopilot.com/mcp/", headers: { Authorization: "Bearer x" } })).toEqual({
      source: {
        kind: "http",
        name: "GitHub-Remote",
        config: { url: "https://api.githubcopilot.com/mcp/", headers: { Authorization: "Bearer x" }, transport: "streamable-http" },
      },
    });
    expect(sourceFor("old", { type: "sse", url: "https://example.com/sse" })).toMatchObject({ source: { config: { transport: "sse" } } });
    expect(sourceFor("off", { command: "npx", disabled: true })).toEqual({ reason: "disabled in the configuration", skipped: true });
    expect(sourceFor("empty", {})).toEqual({ reason: "has neither a command nor a url" });
    expect(sourceFor("bad", { command: "npx", args: "not-a-list" })).toMatchObject({ reason: expect.stringMatching(/^not a server entry: args/) });
  });

  it("adds and harvests every server in one step, through the same checks as any source, with a line per server", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "servers-"));
    const file = path.join(dir, "claude_desktop_config.json");
    await writeFile(
      file,
      JSON.stringify({
        mcpServers: {
          // the studio's own keys: under bubblewrap the server sees the fixtures and the SDK they import, nothing else
          paged: { command: process.execPath, args: [path.join(SERVERS, "paged.mjs")], folders: [{ path: SERVERS }, { path: path.resolve("node_modules") }] },
          shell: { command: "/bin/sh", args: ["-c", "echo hi"] },
          crashing: { command: process.execPath, args: [path.join(SERVERS, "crash.mjs")], env: {} },
          metadata: { url: "http://169.254.169.254/latest/meta-data/" },
          off: { command: "npx", args: ["x"], disabled: true },
        },
      }),
    );
    const lines: string[] = [];
    const codes: number[] = [];
    const outcomes = await importServersCommand([file], { db, print: (l) => lines.push(l), setExitCode: (c) => codes.push(c) });
    expect(outcomes.map((o) => [o.server, o.status])).toEqual([
      ["paged", "harvested"],
      ["shell", "refused"],
      ["crashing", "failed"],
      ["metadata", "refused"],
      ["off", "skipped"],
    ]);
    expect(lines[0]).toMatch(/^harvested paged: \d+ tools \(\d+ new\)/);
    expect(lines[1]).toMatch(/^refused shell: the command "\/bin\/sh" is not one a stdio source may run here/);
    expect(codes).toEqual([EXIT_PARTIAL]);
    const sources = await db.toolSource.findMany({ orderBy: { name: "asc" }, select: { name: true, kind: true, lastError: true } });
    expect(sources.map((s) => s.name)).toEqual(["crashing", "paged"]);
    expect(sources[0].lastError).toBeTruthy();
    expect(await db.tool.count({ where: { source: { name: "paged" } } })).toBeGreaterThan(0);
  });

  it("exits 1 when no server could be added", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "servers-"));
    const file = path.join(dir, "mcp.json");
    await writeFile(file, JSON.stringify({ servers: { shell: { type: "stdio", command: "/bin/sh" } } }));
    const codes: number[] = [];
    await importServersCommand([file], { db, print: () => {}, setExitCode: (c) => codes.push(c) });
    expect(codes).toEqual([1]);
  });
});
