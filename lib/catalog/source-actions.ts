import { Refusal } from "../actions/result";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import { deleteArtifact, putArtifact, readArtifact } from "../artifacts/store";
import type { Db } from "../db/client";
import { importPath, importText, type ImportResult } from "./import";
import { HarvestError, listServerTools } from "./mcp/list-tools";
import { parseSourceConfig, SourceConfigError, sourceNameSchema, type FileConfig } from "./source-config";
import { createSource } from "./sources";

// What the Sources page does besides harvesting: try a server without
// storing anything, and keep an uploaded tool file as a file source.

const TEST_TIMEOUT_MS = 15_000;

export type ConnectionTest = { ok: true; tools: number; serverName?: string; serverVersion?: string } | { ok: false; error: string };

const shorter = <C extends { timeoutMs: number }>(config: C): C => ({ ...config, timeoutMs: Math.min(TEST_TIMEOUT_MS, config.timeoutMs) });

export async function testSource(db: Db, sourceId: string): Promise<ConnectionTest> {
  const source = await db.toolSource.findUniqueOrThrow({ where: { id: sourceId } });
  if (source.disabledAt) return { ok: false, error: `${source.name} is disabled: enable it to test it` };
  try {
    if (source.kind === "file") {
      const result = await readToolFile(db, parseSourceConfig("file", source.config));
      return { ok: true, tools: result.tools.length };
    }
    const listing =
      source.kind === "stdio"
        ? await listServerTools({ kind: "stdio", config: shorter(parseSourceConfig("stdio", source.config)) })
        : await listServerTools({ kind: "http", config: shorter(parseSourceConfig("http", source.config)) });
    return { ok: true, tools: listing.tools.length, serverName: listing.serverName, serverVersion: listing.serverVersion };
  } catch (e) {
    // what a user can cause (a bad command, a server down, a missing file) is shown, not thrown
    if (e instanceof HarvestError || e instanceof SourceConfigError || (e as NodeJS.ErrnoException).code) return { ok: false, error: (e as Error).message };
    throw e;
  }
}

export class ToolFileRejected extends Refusal {}

/** The tools of a file source: an uploaded file from the artifact store, or a file or folder on this machine. */
export async function readToolFile(db: Db, config: FileConfig): Promise<ImportResult> {
  if ("path" in config) return importPath(config.path);
  return importText(await buffer(await readArtifact(db, config.artifactId)), config.fileName);
}

/**
 * Keeps an uploaded tool file in the artifact store (where a worker on any
 * machine reads it) and makes it a file source.
 * A file with no readable tool at all is refused with the reason; pass the
 * upload's bytes, not File.text(), so a file that is not UTF-8 is refused too.
 */
export async function addToolFile(db: Db, input: { fileName: string; text: string | Uint8Array; sourceName?: string }) {
  const preview = importText(input.text, input.fileName);
  if (!preview.tools.length) {
    const why = preview.errors[0]?.message ?? preview.rejected[0]?.reason ?? "no tool definitions found";
    throw new ToolFileRejected(`No tool in ${input.fileName} can be imported: ${why}`);
  }
  const safe =
    path
      .basename(input.fileName)
      .replace(/[^\w.-]+/g, "_")
      .slice(-100) || "tools.json";
  const name = sourceNameSchema.parse(input.sourceName || `file-${safe.replace(/\.(jsonl|ndjson|json)$/i, "")}`.slice(0, 80));
  const stored = await putArtifact(db, { kind: "toolFile", name: safe }, [input.text]);
  const source = await createSource(db, { kind: "file", name, config: { artifactId: stored.id, fileName: safe } }).catch(async (e: unknown) => {
    await deleteArtifact(db, stored.id);
    throw e;
  });
  return { source, preview: { tools: preview.tools.length, rejected: preview.rejected.length, unreadable: preview.errors.length } };
}
