import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Db, Prisma } from "../db/client";
import { env } from "../env";
import type { StdioConfig } from "./source-config";

// Real MCP servers from the npm registry that the studio offers out of the
// box. Their files live under the studio's data folder: the filesystem server
// may touch only scratch/, the memory server keeps its graph in mcp/.

export function studioDataDir(): string {
  return path.resolve(env.STUDIO_DATA_DIR);
}

export function scratchDir(dataDir = studioDataDir()): string {
  return path.join(dataDir, "scratch");
}

type Builtin = { name: string; config: Omit<StdioConfig, "timeoutMs"> & { timeoutMs?: number } };

export function builtinSources(dataDir = studioDataDir()): Builtin[] {
  return [
    { name: "server-everything", config: { package: "@modelcontextprotocol/server-everything", args: ["stdio"], env: {} } },
    { name: "server-memory", config: { package: "@modelcontextprotocol/server-memory", args: [], env: { MEMORY_FILE_PATH: path.join(dataDir, "mcp", "memory.jsonl") } } },
    { name: "server-filesystem", config: { package: "@modelcontextprotocol/server-filesystem", args: [scratchDir(dataDir)], env: {} } },
    { name: "server-sequential-thinking", config: { package: "@modelcontextprotocol/server-sequential-thinking", args: [], env: { DISABLE_THOUGHT_LOGGING: "true" } } },
  ];
}

/** Creates the built-in sources, or brings their settings up to date; safe to call any number of times. */
export async function ensureBuiltinSources(db: Db, dataDir = studioDataDir()): Promise<void> {
  await mkdir(scratchDir(dataDir), { recursive: true });
  await mkdir(path.join(dataDir, "mcp"), { recursive: true });
  for (const b of builtinSources(dataDir)) {
    const config = { timeoutMs: 30_000, ...b.config } as Prisma.InputJsonValue;
    await db.toolSource.upsert({
      where: { name: b.name },
      create: { name: b.name, kind: "stdio", builtin: true, config },
      update: { kind: "stdio", builtin: true, config },
    });
  }
}
