import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../test/db";
import type { Db } from "../db/client";
import { defaultSourceName, EXIT_PARTIAL, importToolsCommand } from "./cli";

const FIXTURES = path.resolve(import.meta.dirname, "../../test/fixtures/tools");
let db: Db;

beforeAll(async () => {
  ({ db } = await createTestDb());
});

function capture() {
  const lines: string[] = [];
  const codes: number[] = [];
  return { lines, codes, deps: { db, print: (l: string) => lines.push(l), setExitCode: (c: number) => codes.push(c) } };
}

describe("import-tools", () => {
  it("imports a messy file and prints accepted, normalized and rejected tools", async () => {
    const out = capture();
    await importToolsCommand([path.join(FIXTURES, "openai-tools.json")], out.deps);
    expect(out.lines[0]).toBe('3 tools imported into source "file-openai-tools" (3 new, 0 updated, 0 unchanged), 2 rejected');
    const text = out.lines.join("\n");
    expect(text).toMatch(/normalized \(3\):\n {2}get_weather: inputSchema.properties.city.type: type "String" read as "string"/);
    expect(text).toContain("rejected (2):\n  openai-tools.json entry #3: no tool name");
    expect(out.codes).toEqual([EXIT_PARTIAL]);
    expect(await db.tool.count({ where: { source: { name: "file-openai-tools" } } })).toBe(3);
  });

  it("imports a folder into a named source, and again without duplicating", async () => {
    const first = capture();
    await importToolsCommand([path.join(FIXTURES, "folder"), "--source", "collected"], first.deps);
    expect(first.codes).toEqual([EXIT_PARTIAL]); // the exact duplicate in servers.json
    const again = capture();
    const summary = await importToolsCommand([path.join(FIXTURES, "folder"), "--source", "collected", "--json"], again.deps);
    expect(summary).toMatchObject({ created: 0, updated: 0, unchanged: 6 });
    expect(JSON.parse(again.lines[0])).toMatchObject({ source: "collected", unchanged: 6 });
  });

  it("reports the unreadable lines of a JSONL file with their numbers", async () => {
    const out = capture();
    await importToolsCommand([path.join(FIXTURES, "mixed.jsonl")], out.deps);
    expect(out.lines.join("\n")).toContain("unreadable (1):\n  mixed.jsonl:3: line 3 is not JSON");
  });

  it("refuses a source name that belongs to an MCP server", async () => {
    await db.toolSource.create({ data: { name: "taken", kind: "stdio", config: { command: "x" } } });
    await expect(importToolsCommand([path.join(FIXTURES, "servers.json"), "--source", "taken"], capture().deps)).rejects.toThrow(/is an MCP server/);
  });

  it("needs exactly one path", async () => {
    await expect(importToolsCommand([], capture().deps)).rejects.toThrow(/usage/);
    expect(defaultSourceName("/x/My Tools.jsonl")).toBe("file-My-Tools");
  });
});
