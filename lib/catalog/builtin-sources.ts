import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Db, Prisma } from "../db/client";
import { dataDir } from "../datasets/paths";
import type { StdioConfig } from "./source-config";

// Real MCP servers from the npm registry that the studio offers out of the
// box. Their files live under the studio's data folder: the filesystem server
// may touch only scratch/, the memory server keeps its graph in mcp/.

export function scratchDir(root = dataDir()): string {
  return path.join(root, "scratch");
}

type Builtin = {
  name: string;
  config: Omit<StdioConfig, "timeoutMs" | "folders" | "network"> & Partial<Pick<StdioConfig, "timeoutMs" | "folders" | "network">>;
};

export function builtinSources(root = dataDir()): Builtin[] {
  return [
    { name: "server-everything", config: { package: "@modelcontextprotocol/server-everything", args: ["stdio"], env: {} } },
    {
      name: "server-memory",
      config: {
        package: "@modelcontextprotocol/server-memory",
        args: [],
        env: { MEMORY_FILE_PATH: path.join(root, "mcp", "memory.jsonl") },
        folders: [{ path: path.join(root, "mcp"), write: true }],
      },
    },
    {
      name: "server-filesystem",
      config: { package: "@modelcontextprotocol/server-filesystem", args: [scratchDir(root)], env: {}, folders: [{ path: scratchDir(root), write: true }] },
    },
    {
      name: "server-sequential-thinking",
      config: { package: "@modelcontextprotocol/server-sequential-thinking", args: [], env: { DISABLE_THOUGHT_LOGGING: "true" } },
    },
  ];
}

/** Creates the built-in sources, or brings their settings up to date; safe to call any number of times. */
export async function ensureBuiltinSources(db: Db, root = dataDir()): Promise<void> {
  await mkdir(scratchDir(root), { recursive: true });
  await mkdir(path.join(root, "mcp"), { recursive: true });
  for (const b of builtinSources(root)) {
    const config = { timeoutMs: 30_000, ...b.config } as Prisma.InputJsonValue;
    await db.toolSource.upsert({
      where: { name: b.name },
      create: { name: b.name, kind: "stdio", builtin: true, config },
      update: { kind: "stdio", builtin: true, config },
    });
  }
}
