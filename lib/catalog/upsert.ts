import { randomBytes } from "node:crypto";
import { Prisma, type Db } from "../db/client";
import { specHash, type Normalization, type ToolSpec } from "./spec";

// Writes harvested or imported specs as real tools. A tool is identified by
// `<source name>/<tool name>`; a changed spec updates it in place, adds a
// ToolVersion and sends it back through quality and embedding; an unchanged
// spec is left alone. So harvesting again never duplicates anything.

export type IncomingTool = { spec: ToolSpec; normalizations: Normalization[]; provenance?: Record<string, unknown> };
export type UpsertSummary = { created: number; updated: number; unchanged: number; toolIds: string[]; missing: string[] };

const CHUNK = 500;

/** A cuid-like id (the column's default is Prisma's cuid(), made client-side, so any unique text does). */
function newToolId(): string {
  return `c${Date.now().toString(36)}${randomBytes(8).toString("hex")}`;
}

export function toolKey(sourceName: string, toolName: string): string {
  return `${sourceName}/${toolName}`;
}

function specColumns(spec: ToolSpec) {
  return {
    name: spec.name,
    title: spec.title ?? null,
    description: spec.description,
    inputSchema: spec.inputSchema as Prisma.InputJsonValue,
    outputSchema: (spec.outputSchema ?? undefined) as Prisma.InputJsonValue | undefined,
    annotations: (spec.annotations ?? undefined) as Prisma.InputJsonValue | undefined,
    extra: (spec.extra ?? undefined) as Prisma.InputJsonValue | undefined,
  };
}

/** Fields that are derived from the spec and must be recomputed when it changes. */
const RESET_DERIVED: Prisma.ToolUncheckedUpdateInput = {
  quality: "pending",
  qualityScore: null,
  qualityReasons: [],
  embedding: [],
  duplicateOfId: null,
};

export async function upsertTools(db: Db, source: { id: string; name: string }, tools: IncomingTool[], opts: { runId?: string } = {}): Promise<UpsertSummary> {
  const summary: UpsertSummary = { created: 0, updated: 0, unchanged: 0, toolIds: [], missing: [] };
  for (let i = 0; i < tools.length; i += CHUNK) {
    const chunk = tools.slice(i, i + CHUNK).map((t) => ({ ...t, key: toolKey(source.name, t.spec.name), hash: specHash(t.spec) }));
    const existing = new Map(
      (await db.tool.findMany({ where: { key: { in: chunk.map((t) => t.key) } }, select: { id: true, key: true, specHash: true } })).map((t) => [t.key, t]),
    );
    const fresh = chunk.filter((t) => !existing.has(t.key));
    if (fresh.length) {
      // ids made here: createMany without RETURNING is several times faster than createManyAndReturn
      const ids = fresh.map(() => newToolId());
      await db.tool.createMany({
        data: fresh.map((t, i) => ({
          id: ids[i],
          origin: "real" as const,
          sourceId: source.id,
          key: t.key,
          ...specColumns(t.spec),
          specHash: t.hash,
          normalizations: t.normalizations as Prisma.InputJsonValue,
          provenance: { source: source.name, ...t.provenance } as Prisma.InputJsonValue,
          runId: opts.runId ?? null,
        })),
      });
      await db.toolVersion.createMany({
        data: fresh.map((t, i) => ({ toolId: ids[i], specHash: t.hash, spec: t.spec as Prisma.InputJsonValue })),
        skipDuplicates: true,
      });
      summary.created += fresh.length;
      summary.toolIds.push(...ids);
    }
    for (const t of chunk) {
      const row = existing.get(t.key);
      if (!row) continue;
      summary.toolIds.push(row.id);
      if (row.specHash === t.hash) {
        summary.unchanged++;
        continue;
      }
      await db.$transaction([
        db.tool.update({
          where: { id: row.id },
          data: {
            ...specColumns(t.spec),
            outputSchema: (t.spec.outputSchema as Prisma.InputJsonValue | undefined) ?? Prisma.DbNull,
            annotations: (t.spec.annotations as Prisma.InputJsonValue | undefined) ?? Prisma.DbNull,
            extra: (t.spec.extra as Prisma.InputJsonValue | undefined) ?? Prisma.DbNull,
            specHash: t.hash,
            normalizations: t.normalizations as Prisma.InputJsonValue,
            sourceId: source.id,
            ...RESET_DERIVED,
            ...(opts.runId ? { runId: opts.runId } : {}),
          },
        }),
        // a spec that comes back to an earlier version moves that version to the end of the history
        db.toolVersion.upsert({
          where: { toolId_specHash: { toolId: row.id, specHash: t.hash } },
          create: { toolId: row.id, specHash: t.hash, spec: t.spec as Prisma.InputJsonValue },
          update: { createdAt: new Date() },
        }),
      ]);
      summary.updated++;
    }
  }
  const seen = new Set(summary.toolIds);
  const all = await db.tool.findMany({ where: { sourceId: source.id }, select: { id: true, name: true } });
  summary.missing = all.filter((t) => !seen.has(t.id)).map((t) => t.name);
  return summary;
}
