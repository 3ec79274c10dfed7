import { Refusal } from "../actions/result";
import { deleteArtifact } from "../artifacts/store";
import type { Db, Prisma, ToolSource } from "../db/client";
import { requireCommand } from "./mcp/command-path";
import { checkHttpTarget } from "./mcp/http-target";
import { checkStdioCommand, mcpPolicy, type McpPolicy } from "./mcp/policy";
import { fileConfigSchema, httpConfigSchema, newSourceSchema, stdioConfigSchema, type NewSource } from "./source-config";
import { maskedConfig, unmaskConfig } from "./source-secrets";

export type SourceRow = ToolSource & { toolCount: number };

export class SourceNameTaken extends Refusal {}

/**
 * Adds a user's source; the name must be free because it prefixes its tools'
 * keys. A command or an address the studio will not run or reach is refused
 * here (SourcePolicyError), and again whenever the source is started.
 */
export async function createSource(db: Db, input: NewSource, policy = mcpPolicy(), opts: SaveOptions = {}): Promise<ToolSource> {
  const source = newSourceSchema.parse(input);
  await checkConfig(source, policy, opts);
  const taken = await db.toolSource.findUnique({ where: { name: source.name }, select: { id: true } });
  if (taken) throw new SourceNameTaken(`A source named "${source.name}" already exists`);
  return db.toolSource.create({ data: { name: source.name, kind: source.kind, config: source.config as Prisma.InputJsonValue } });
}

/** `commandMustExist`: a stdio command that is not on this machine is refused (CommandNotFound); what a person saves is checked so. */
export type SaveOptions = { commandMustExist?: boolean };

async function checkConfig(source: { kind: "stdio" | "http" | "file"; config: unknown }, policy: McpPolicy, opts: SaveOptions): Promise<void> {
  if (source.kind === "stdio") {
    const config = stdioConfigSchema.parse(source.config);
    checkStdioCommand(config, policy);
    if (opts.commandMustExist) await requireCommand(config);
  }
  if (source.kind === "http") await checkHttpTarget(new URL(httpConfigSchema.parse(source.config).url), policy);
}

/** A change refused for a reason the user can act on (a built-in source, a missing source). */
export class SourceChangeRefused extends Refusal {}

const CONFIG_SCHEMAS = { stdio: stdioConfigSchema, http: httpConfigSchema, file: fileConfigSchema } as const;

/**
 * Replaces a source's settings (its name and kind stay: the name prefixes its
 * tools' keys), under the same checks as adding one. Values left masked (the
 * form shows secrets masked, see unmaskConfig) keep what is stored.
 */
export async function updateSource(db: Db, sourceId: string, config: unknown, policy = mcpPolicy(), opts: SaveOptions = {}): Promise<ToolSource> {
  const source = await db.toolSource.findUnique({ where: { id: sourceId } });
  if (!source) throw new SourceChangeRefused("No such source");
  if (source.builtin) throw new SourceChangeRefused(`${source.name} is built in: it cannot be edited (disable it instead)`);
  const parsed = CONFIG_SCHEMAS[source.kind].parse(unmaskConfig(config, source.config));
  await checkConfig({ kind: source.kind, config: parsed }, policy, opts);
  return db.toolSource.update({ where: { id: sourceId }, data: { config: parsed as Prisma.InputJsonValue } });
}

/** A disabled source keeps its tools but is never started: no harvest, no connection test, no episode on its server. */
export async function setSourceDisabled(db: Db, sourceId: string, disabled: boolean, now = new Date()): Promise<ToolSource> {
  const source = await db.toolSource.findUnique({ where: { id: sourceId }, select: { disabledAt: true } });
  if (!source) throw new SourceChangeRefused("No such source");
  return db.toolSource.update({ where: { id: sourceId }, data: { disabledAt: disabled ? (source.disabledAt ?? now) : null } });
}

/**
 * Deletes a source. Its tools stay in the catalogue with every version of
 * their spec (they lose only the link to the source), so agents, tasks and
 * trajectories made with them are untouched. Built-in sources come back on
 * the next "harvest all", so they are disabled instead.
 */
export async function deleteSource(db: Db, sourceId: string): Promise<{ name: string; toolsKept: number }> {
  const source = await db.toolSource.findUnique({ where: { id: sourceId }, select: { name: true, builtin: true } });
  if (!source) throw new SourceChangeRefused("No such source");
  if (source.builtin) throw new SourceChangeRefused(`${source.name} is built in and would come back on the next harvest: disable it instead`);
  const toolsKept = await db.tool.count({ where: { sourceId } });
  const deleted = await db.toolSource.delete({ where: { id: sourceId } });
  const file = deleted.kind === "file" ? fileConfigSchema.safeParse(deleted.config) : null;
  if (file?.success && "artifactId" in file.data) await deleteArtifact(db, file.data.artifactId);
  return { name: source.name, toolsKept };
}

/** Every source; `masked` for anyone who is not an admin (see source-secrets.ts). */
export async function listSources(db: Db, opts: { masked?: boolean } = {}): Promise<SourceRow[]> {
  const [sources, counts] = await Promise.all([
    db.toolSource.findMany({ orderBy: [{ builtin: "desc" }, { name: "asc" }] }),
    db.tool.groupBy({ by: ["sourceId"], _count: { _all: true }, where: { sourceId: { not: null } } }),
  ]);
  const bySource = new Map(counts.map((c) => [c.sourceId, c._count._all]));
  return sources.map((s) => ({ ...s, config: opts.masked ? maskedConfig(s.config) : s.config, toolCount: bySource.get(s.id) ?? 0 }));
}
