import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { withDb, type CliDeps } from "../cli";
import { runAndFollow } from "../jobs/follow";
import { parseFlags } from "../synthesis/cli";
import { harvestSource, type HarvestSummary } from "./harvest";
import { describeLocation } from "./import";
import { readFile } from "node:fs/promises";
import { listRegistryServers, serverEntry } from "./registry";
import { formatServerOutcomes, importServerList, serverListSchema, type ServerOutcome } from "./server-list";
import { sourceNameSchema } from "./source-config";

// `npm run studio -- import-tools FILE|FOLDER [--source NAME] [--json]`:
// imports tool definitions into a file source (created on first use, read
// again on every later import or harvest) and says what became of each tool.

export const IMPORT_TOOLS_HELP = "usage: npm run studio -- import-tools FILE.json|FILE.jsonl|FOLDER [--source NAME] [--json]";
/** Exit code when the import worked but some tools or lines were rejected. */
export const EXIT_PARTIAL = 3;

export function defaultSourceName(target: string): string {
  const base = path
    .basename(path.resolve(target))
    .replace(/\.(jsonl|ndjson|json)$/i, "")
    .replace(/[^\w.@:-]+/g, "-")
    .replace(/^[^a-zA-Z0-9]+/, "");
  return `file-${base || "tools"}`.slice(0, 80);
}

export function formatImportSummary(s: HarvestSummary): string[] {
  const accepted = s.created + s.updated + s.unchanged;
  const lines = [
    `${accepted} tools imported into source "${s.source}" (${s.created} new, ${s.updated} updated, ${s.unchanged} unchanged), ${s.rejected.length} rejected`,
  ];
  if (s.normalized.length) {
    lines.push(`normalized (${s.normalized.length}):`);
    for (const n of s.normalized) lines.push(`  ${n.name}: ${n.changes.join("; ")}`);
  }
  if (s.rejected.length) {
    lines.push(`rejected (${s.rejected.length}):`);
    for (const r of s.rejected) lines.push(`  ${describeLocation(r.location)}${r.name ? ` (${r.name})` : ""}: ${r.reason}`);
  }
  if (s.unreadable.length) {
    lines.push(`unreadable (${s.unreadable.length}):`);
    for (const u of s.unreadable) lines.push(`  ${u}`);
  }
  if (s.missing.length) lines.push(`no longer in the file (kept in the catalogue): ${s.missing.join(", ")}`);
  return lines;
}

export async function importToolsCommand(args: string[], deps: CliDeps = {}): Promise<HarvestSummary> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { source: { type: "string" }, json: { type: "boolean", default: false } },
  });
  if (positionals.length !== 1) throw new Error(IMPORT_TOOLS_HELP);
  const target = path.resolve(positionals[0]);
  const name = sourceNameSchema.safeParse(values.source ?? defaultSourceName(target));
  if (!name.success) throw new Error(`--source: ${name.error.issues[0].message}`);
  const print = deps.print ?? console.log;

  return withDb(deps, async (db) => {
    const existing = await db.toolSource.findUnique({ where: { name: name.data } });
    if (existing && existing.kind !== "file")
      throw new Error(`The source "${name.data}" is an MCP server (${existing.kind}), not a file: choose another --source`);
    const source = existing
      ? await db.toolSource.update({ where: { id: existing.id }, data: { config: { path: target } } })
      : await db.toolSource.create({ data: { name: name.data, kind: "file", config: { path: target } } });
    const summary = await harvestSource(db, source.id);
    if (values.json) print(JSON.stringify(summary));
    else for (const line of formatImportSummary(summary)) print(line);
    if (summary.rejected.length || summary.unreadable.length) (deps.setExitCode ?? ((c) => (process.exitCode = c)))(EXIT_PARTIAL);
    return summary;
  });
}

export const IMPORT_SERVERS_HELP = `usage: npm run studio -- import-servers FILE.json [--json]
  FILE: an MCP server configuration as Claude Desktop or Cursor write it ({"mcpServers": {NAME: {command, args, env} | {url, headers}}})
  or as VS Code writes it ({"servers": {NAME: {type, command, args, env} | {type, url, headers}}}).
  Each server becomes a source named after it and is harvested. Exit 0: all harvested; 3: some were not; 1: none was.`;

export async function importServersCommand(args: string[], deps: CliDeps = {}): Promise<ServerOutcome[]> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: "boolean", default: false } } });
  if (positionals.length !== 1) throw new Error(IMPORT_SERVERS_HELP);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(positionals[0], "utf8"));
  } catch (e) {
    throw new Error(`${positionals[0]}: ${e instanceof SyntaxError ? `not JSON: ${e.message}` : (e as Error).message}`);
  }
  const config = serverListSchema.safeParse(parsed);
  if (!config.success) throw new Error(`${positionals[0]}: not an MCP server configuration (expected an "mcpServers" or "servers" object of name → server)`);
  const print = deps.print ?? console.log;
  return withDb(deps, async (db) => {
    const outcomes = await importServerList(db, config.data);
    if (values.json) print(JSON.stringify(outcomes));
    else for (const line of formatServerOutcomes(outcomes)) print(line);
    const harvested = outcomes.filter((o) => o.status === "harvested").length;
    const failed = outcomes.filter((o) => o.status === "refused" || o.status === "failed").length;
    if (failed) (deps.setExitCode ?? ((c) => (process.exitCode = c)))(harvested ? EXIT_PARTIAL : 1);
    return outcomes;
  });
}

export const REGISTRY_HELP = `usage: npm run studio -- registry [--search WORDS] [--cursor CURSOR] [--limit N] [--add NAME[,NAME...]] [--json]
  Lists servers of the MCP registry (STUDIO_MCP_REGISTRY_URL, GET /v0/servers); --add adds the named servers as sources and harvests them.`;

export async function registryCommand(args: string[], deps: CliDeps & { baseUrl?: string } = {}): Promise<ServerOutcome[] | null> {
  const { values } = parseArgs({
    args,
    options: {
      search: { type: "string" },
      cursor: { type: "string" },
      limit: { type: "string" },
      add: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  const limit = values.limit === undefined ? undefined : z.coerce.number().int().min(1).max(100).parse(values.limit);
  const print = deps.print ?? console.log;
  if (!values.add) {
    const page = await listRegistryServers({ search: values.search, cursor: values.cursor, limit, baseUrl: deps.baseUrl });
    if (values.json) print(JSON.stringify(page));
    else {
      for (const s of page.servers) {
        const entry = serverEntry(s);
        const how = entry ? (entry.url ? `${entry.url}` : `${entry.command} ${(entry.args as string[]).join(" ")}`) : "(nothing the studio can run)";
        print(`${s.name}${s.version ? ` ${s.version}` : ""}: ${s.description.slice(0, 100)}\n    ${how}`);
      }
      if (page.nextCursor) print(`more: --cursor ${page.nextCursor}`);
    }
    return null;
  }
  const mcpServers: Record<string, unknown> = {};
  for (const name of values.add
    .split(",")
    .map((n) => n.trim())
    .filter(Boolean)) {
    const found = (await listRegistryServers({ search: name, limit: 100, baseUrl: deps.baseUrl })).servers.find((s) => s.name === name);
    if (!found) throw new Error(`no server named "${name}" in the registry`);
    mcpServers[name] = serverEntry(found) ?? {};
  }
  return withDb(deps, async (db) => {
    const outcomes = await importServerList(db, { mcpServers });
    if (values.json) print(JSON.stringify(outcomes));
    else for (const line of formatServerOutcomes(outcomes)) print(line);
    const harvested = outcomes.filter((o) => o.status === "harvested").length;
    if (harvested < outcomes.length) (deps.setExitCode ?? ((c) => (process.exitCode = c)))(harvested ? EXIT_PARTIAL : 1);
    return outcomes;
  });
}

/** Flags → a catalogue stage's config (the stage's schema validates it); `lists` are comma-separated. */
function catalogConfig(args: string[], lists: string[] = []): Record<string, unknown> {
  const flags = parseFlags(args);
  for (const key of lists)
    if (typeof flags[key] === "string")
      flags[key] = (flags[key] as string)
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
  return flags;
}

// `npm run studio -- quality|embed|cluster`: the run is queued like one started from the Tools page, and followed.
export const catalogCommands = {
  quality: {
    summary: "check the catalogue's tools (--scope pending|all --origins real,synthetic,undeclared --llm --concurrency N --batch-size N)",
    run: (args: string[]) => runAndFollow("quality", catalogConfig(args, ["origins"])),
  },
  embed: {
    summary: "embed the catalogue's tools and mark near-duplicates (--batch-size N)",
    run: (args: string[]) => runAndFollow("embed", catalogConfig(args)),
  },
  cluster: {
    summary: "cluster the embedded tools into categories (--naming auto|terms|generator --seed N --batch-size N)",
    run: (args: string[]) => runAndFollow("cluster", catalogConfig(args)),
  },
};
