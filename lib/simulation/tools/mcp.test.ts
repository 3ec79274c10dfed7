import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stdioConfigSchema } from "../../catalog/source-config";
import { createMcpBackend, mcpResultText } from "./mcp";
import type { SimTool, ToolCallContext } from "./types";

// The real server-memory package from node_modules, configured as the
// catalogue's built-in source is: its graph file under the studio's data folder.
const dataDir = mkdtempSync(path.join(os.tmpdir(), "studio-data-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const memorySource = stdioConfigSchema.parse({
  package: "@modelcontextprotocol/server-memory",
  env: { MEMORY_FILE_PATH: path.join(dataDir, "mcp", "memory.jsonl") },
  folders: [{ path: path.join(dataDir, "mcp"), write: true }],
});
const sources = new Map([["memory", memorySource]]);

const tool = (name: string): SimTool => ({ name, description: "", parameters: { type: "object" }, executor: "mcp", sourceId: "memory" });
const ctx = { seed: 1, callIndex: 0, history: [], tools: new Map() } as ToolCallContext;

describe("real MCP tools", () => {
  it("calls tools on a real stdio server, keeps state within the episode, and tears down after", async () => {
    const backend = createMcpBackend({ sources, dataDir });
    try {
      const created = await backend.call(
        tool("create_entities"),
        { entities: [{ name: "Ada", entityType: "person", observations: ["wrote the first program"] }] },
        ctx,
      );
      expect(created.isError).toBe(false);
      const graph = await backend.call(tool("read_graph"), {}, ctx);
      expect(graph.content).toContain("wrote the first program");
      // the server wrote its memory inside the episode's scratch folder, not the studio's data folder
      expect(existsSync(path.join(backend.scratchDir()!, "data", "mcp", "memory.jsonl"))).toBe(true);
      expect(existsSync(path.join(dataDir, "mcp", "memory.jsonl"))).toBe(false);
    } finally {
      await backend.close();
    }
    expect(backend.scratchDir()).toBeNull();

    // a new episode starts from an empty world
    const next = createMcpBackend({ sources, dataDir });
    try {
      const graph = await next.call(tool("read_graph"), {}, ctx);
      expect(graph.content).not.toContain("Ada");
    } finally {
      await next.close();
    }
  }, 30_000);

  it("an unknown tool or bad arguments come back as an error result the agent can see", async () => {
    const backend = createMcpBackend({ sources, dataDir });
    try {
      const r = await backend.call(tool("no_such_tool"), {}, ctx);
      expect(r.isError).toBe(true);
      expect(r.content).toMatch(/no_such_tool|not found/i);
    } finally {
      await backend.close();
    }
  }, 30_000);

  it("a server that cannot start fails with a clear error", async () => {
    const crashing = stdioConfigSchema.parse({ command: process.execPath, args: ["-e", "console.error('boom'); process.exit(3)"] });
    const backend = createMcpBackend({ sources: new Map([["memory", crashing]]), dataDir });
    try {
      await expect(backend.call(tool("read_graph"), {}, ctx)).rejects.toThrow(/could not start the MCP server for source memory/);
    } finally {
      await backend.close();
    }
  }, 30_000);

  it("renders results: structured content as JSON, text parts joined, others named", () => {
    expect(mcpResultText({ structuredContent: { a: 1 }, content: [] })).toBe('{"a":1}');
    expect(
      mcpResultText({
        content: [
          { type: "text", text: "one" },
          { type: "image", mimeType: "image/png" },
          { type: "text", text: "two" },
        ],
      }),
    ).toBe("one\n[image image/png]\ntwo");
  });
});
