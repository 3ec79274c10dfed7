import type { Db, Prisma, ToolSource } from "../db/client";
import { newSourceSchema, type NewSource } from "./source-config";

export type SourceRow = ToolSource & { toolCount: number };

export class SourceNameTaken extends Error {}

/** Adds a user's source; the name must be free because it prefixes its tools' keys. */
export async function createSource(db: Db, input: NewSource): Promise<ToolSource> {
  const source = newSourceSchema.parse(input);
  const taken = await db.toolSource.findUnique({ where: { name: source.name }, select: { id: true } });
  if (taken) throw new SourceNameTaken(`A source named "${source.name}" already exists`);
  return db.toolSource.create({ data: { name: source.name, kind: source.kind, config: source.config as Prisma.InputJsonValue } });
}

export async function listSources(db: Db): Promise<SourceRow[]> {
  const [sources, counts] = await Promise.all([
    db.toolSource.findMany({ orderBy: [{ builtin: "desc" }, { name: "asc" }] }),
    db.tool.groupBy({ by: ["sourceId"], _count: { _all: true }, where: { sourceId: { not: null } } }),
  ]);
  const bySource = new Map(counts.map((c) => [c.sourceId, c._count._all]));
  return sources.map((s) => ({ ...s, toolCount: bySource.get(s.id) ?? 0 }));
}
