import type { Db, Prisma, ToolSource } from "../db/client";
import { checkHttpTarget } from "./mcp/http-target";
import { checkStdioCommand, mcpPolicy } from "./mcp/policy";
import { newSourceSchema, type NewSource } from "./source-config";
import { maskedConfig } from "./source-secrets";

export type SourceRow = ToolSource & { toolCount: number };

export class SourceNameTaken extends Error {}

/**
 * Adds a user's source; the name must be free because it prefixes its tools'
 * keys. A command or an address the studio will not run or reach is refused
 * here (SourcePolicyError), and again whenever the source is started.
 */
export async function createSource(db: Db, input: NewSource, policy = mcpPolicy()): Promise<ToolSource> {
  const source = newSourceSchema.parse(input);
  if (source.kind === "stdio") checkStdioCommand(source.config, policy);
  if (source.kind === "http") await checkHttpTarget(new URL(source.config.url), policy);
  const taken = await db.toolSource.findUnique({ where: { name: source.name }, select: { id: true } });
  if (taken) throw new SourceNameTaken(`A source named "${source.name}" already exists`);
  return db.toolSource.create({ data: { name: source.name, kind: source.kind, config: source.config as Prisma.InputJsonValue } });
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
