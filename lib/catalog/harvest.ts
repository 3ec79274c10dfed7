import type { Db, ToolSource } from "../db/client";
import { ArtifactMissing } from "../artifacts/store";
import { normalizeEntries, type RejectedEntry } from "./import";
import { HarvestError, listServerTools } from "./mcp/list-tools";
import { readToolFile } from "./source-actions";
import { parseSourceConfig } from "./source-config";
import { upsertTools, type UpsertSummary } from "./upsert";

// Harvests one source: lists its tools (MCP server or file), normalizes them,
// upserts them, and records on the source when it last worked or why not.

export type HarvestSummary = Omit<UpsertSummary, "toolIds"> & {
  source: string;
  listed: number;
  rejected: RejectedEntry[];
  /** tools that were changed to be read, with what was changed */
  normalized: { name: string; changes: string[] }[];
  /** lines or files that could not be read (file sources) */
  unreadable: string[];
};

async function listTools(db: Db, source: ToolSource, signal?: AbortSignal) {
  if (source.kind === "file") {
    const config = parseSourceConfig("file", source.config);
    const where = "path" in config ? config.path : `the uploaded ${config.fileName}`;
    const result = await readToolFile(db, config).catch((e: NodeJS.ErrnoException) => {
      if (e instanceof ArtifactMissing) throw new HarvestError(`${where} is no longer stored: upload it again`);
      throw new HarvestError(e.code === "ENOENT" ? `the file ${where} is gone` : `could not read ${where}: ${e.message}`);
    });
    const unreadable = result.errors.map((e) => `${e.file}${e.line ? `:${e.line}` : ""}: ${e.message}`);
    if (!result.tools.length && !result.rejected.length && unreadable.length) throw new HarvestError(`no tools read: ${unreadable.join("; ")}`);
    return { ...result, listed: result.tools.length + result.rejected.length, unreadable, server: {} };
  }
  const listing =
    source.kind === "stdio"
      ? await listServerTools({ kind: "stdio", config: parseSourceConfig("stdio", source.config) }, signal)
      : await listServerTools({ kind: "http", config: parseSourceConfig("http", source.config) }, signal);
  const entries = listing.tools.map((value, index) => ({ value, location: { file: source.name, index } }));
  return {
    ...normalizeEntries(entries),
    listed: listing.tools.length,
    unreadable: [],
    server: { serverName: listing.serverName, serverVersion: listing.serverVersion },
  };
}

/** Throws when the source could not be harvested, after writing the reason to its lastError. */
export async function harvestSource(db: Db, sourceId: string, opts: { runId?: string; signal?: AbortSignal } = {}): Promise<HarvestSummary> {
  const source = await db.toolSource.findUniqueOrThrow({ where: { id: sourceId } });
  try {
    const listed = await listTools(db, source, opts.signal);
    const summary = await upsertTools(
      db,
      source,
      listed.tools.map((t) => ({
        spec: t.spec,
        normalizations: t.normalizations,
        provenance: { ...(t.server ? { server: t.server } : {}), ...(source.kind === "file" ? { file: t.location.file } : {}) },
      })),
      { runId: opts.runId },
    );
    await db.toolSource.update({
      where: { id: source.id },
      data: {
        lastError: null,
        lastHarvestedAt: new Date(),
        serverName: listed.server.serverName ?? source.serverName,
        serverVersion: listed.server.serverVersion ?? source.serverVersion,
      },
    });
    const { toolIds: _ids, ...counts } = summary;
    const normalized = listed.tools
      .filter((t) => t.normalizations.length)
      .map((t) => ({ name: t.spec.name, changes: t.normalizations.map((n) => `${n.path}: ${n.message}`) }));
    return { source: source.name, listed: listed.listed, rejected: listed.rejected, normalized, unreadable: listed.unreadable, ...counts };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    await db.toolSource.update({ where: { id: source.id }, data: { lastError: message.slice(0, 2000) } });
    throw e;
  }
}
