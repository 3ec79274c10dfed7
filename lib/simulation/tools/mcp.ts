import { existsSync, statSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { dataDir } from "../../datasets/paths";
import { stdioLaunch } from "../../catalog/mcp/policy";
import type { StdioConfig } from "../../catalog/source-config";
import type { SimTool, ToolBackend, ToolResult } from "./types";

// Real MCP tools: each episode starts the stdio servers it needs inside a
// scratch folder of its own, calls the tools on them, and tears everything
// down at the end, so no state leaks from one episode into another. A
// server's files that its source keeps under the studio's data folder (the
// memory server's graph, the filesystem server's root) move into the scratch
// folder for the episode.

const STDERR_KEPT = 4_000;

export type McpBackendOptions = {
  /** source id → how its catalogue entry starts the server */
  sources: ReadonlyMap<string, StdioConfig>;
  /** the folder whose paths move into the episode's scratch folder */
  dataDir?: string;
  callTimeoutMs?: number;
};

/** `value` re-rooted from `dataDir` into `scratch` when it lies inside `dataDir`; made ready to use. */
async function rerooted(value: string, dataDir: string, scratch: string): Promise<string> {
  if (!path.isAbsolute(value)) return value;
  const rel = path.relative(dataDir, value);
  if (rel.startsWith("..") || path.isAbsolute(rel)) return value;
  const moved = path.join(scratch, "data", rel);
  // a folder stays a folder (a filesystem root); for a file, its folder must exist
  const isDir = existsSync(value) && statSync(value).isDirectory();
  await mkdir(isDir ? moved : path.dirname(moved), { recursive: true });
  return moved;
}

type Session = { client: Client; transport: StdioClientTransport; stderr: { text: string } };

export function createMcpBackend(opts: McpBackendOptions): ToolBackend & { scratchDir(): string | null; close(): Promise<void> } {
  let scratch: string | null = null;
  const sessions = new Map<string, Promise<Session>>();

  async function scratchDir(): Promise<string> {
    scratch ??= await mkdtemp(path.join(os.tmpdir(), "studio-episode-"));
    return scratch;
  }

  async function connect(sourceId: string): Promise<Session> {
    const config = opts.sources.get(sourceId);
    if (!config) throw new Error(`no stdio configuration for MCP source ${sourceId}`);
    const dir = await scratchDir();
    const root = path.resolve(opts.dataDir ?? dataDir());
    const move = (v: string) => rerooted(v, root, dir);
    const args = await Promise.all(config.args.map(move));
    const env = Object.fromEntries(await Promise.all(Object.entries(config.env).map(async ([k, v]) => [k, await move(v)] as const)));
    const folders = await Promise.all(
      config.folders.map(async (f) => {
        const moved = await move(f.path);
        if (moved !== f.path) await mkdir(moved, { recursive: true });
        return { ...f, path: moved };
      }),
    );
    const transport = new StdioClientTransport({
      // the command checked, the environment minimal, under bubblewrap with its folders re-rooted (lib/catalog/mcp/policy.ts)
      ...stdioLaunch(config, { args, env, folders, cwd: config.cwd ? await move(config.cwd) : dir }),
      stderr: "pipe",
    });
    const stderr = { text: "" };
    transport.stderr?.on("data", (chunk: Buffer) => {
      stderr.text = (stderr.text + chunk.toString("utf8")).slice(-STDERR_KEPT);
    });
    const client = new Client({ name: "trajectory-studio-simulation", version: "1.0.0" });
    try {
      await client.connect(transport, { timeout: config.timeoutMs });
    } catch (e) {
      await transport.close().catch(() => {});
      const detail = stderr.text.trim().split("\n").slice(-3).join(" ");
      throw new Error(`could not start the MCP server for source ${sourceId}: ${e instanceof Error ? e.message : String(e)}${detail ? ` (${detail})` : ""}`);
    }
    return { client, transport, stderr };
  }

  function session(sourceId: string): Promise<Session> {
    let s = sessions.get(sourceId);
    if (!s) {
      s = connect(sourceId);
      sessions.set(sourceId, s);
      s.catch(() => sessions.delete(sourceId));
    }
    return s;
  }

  return {
    scratchDir: () => scratch,
    async call(tool: SimTool, args: unknown, ctx): Promise<ToolResult> {
      if (!tool.sourceId) throw new Error(`tool ${tool.name} has no MCP source`);
      const { client } = await session(tool.sourceId);
      const started = performance.now();
      try {
        const result = await client.callTool({ name: tool.name, arguments: (args ?? {}) as Record<string, unknown> }, undefined, {
          timeout: opts.callTimeoutMs ?? 30_000,
          signal: ctx.signal,
        });
        return { content: mcpResultText(result), isError: result.isError === true, injectedFailure: null, latencyMs: Math.round(performance.now() - started) };
      } catch (e) {
        if (ctx.signal?.aborted) throw e;
        // a protocol error (unknown tool, bad arguments, timeout) is the tool's answer to the agent
        const message = e instanceof Error ? e.message : String(e);
        return { content: JSON.stringify({ error: message }), isError: true, injectedFailure: null, latencyMs: Math.round(performance.now() - started) };
      }
    },
    async close() {
      const open = [...sessions.values()];
      sessions.clear();
      await Promise.all(open.map((s) => s.then((x) => x.client.close()).catch(() => {})));
      if (scratch) await rm(scratch, { recursive: true, force: true });
      scratch = null;
    },
  };
}

type McpContent = { type: string; text?: string; mimeType?: string; resource?: { uri?: string; text?: string } };

/** A tools/call result as the agent reads it: structured content as JSON, else the text parts. */
export function mcpResultText(result: { content?: unknown; structuredContent?: unknown; toolResult?: unknown }): string {
  if (result.structuredContent !== undefined) return JSON.stringify(result.structuredContent);
  if (result.toolResult !== undefined) return JSON.stringify(result.toolResult);
  const parts = (Array.isArray(result.content) ? result.content : []) as McpContent[];
  return parts
    .map((p) => {
      if (p.type === "text") return p.text ?? "";
      if (p.type === "resource") return p.resource?.text ?? `[resource ${p.resource?.uri ?? ""}]`;
      if (p.type === "resource_link") return `[resource link]`;
      return `[${p.type}${p.mimeType ? ` ${p.mimeType}` : ""}]`;
    })
    .join("\n");
}
