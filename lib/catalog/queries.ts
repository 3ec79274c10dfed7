import "server-only";
import { z } from "zod";
import type { Db, Prisma } from "../db/client";
import { QualityVerdict, ToolOrigin } from "../db/generated/enums";
import { DUPLICATE_FILTERS } from "./filter-options";

// What the catalogue pages read: filtered tool lists, one tool with its
// history, the category tree with counts and the points of the map.

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());

export const toolFiltersSchema = z.object({
  q: optional(z.string().trim().max(200)),
  origin: optional(z.enum(ToolOrigin)),
  quality: optional(z.enum(QualityVerdict)),
  categoryId: optional(z.string().max(64)),
  sourceId: optional(z.string().max(64)),
  duplicates: optional(z.enum(DUPLICATE_FILTERS)),
  minScore: optional(z.coerce.number().min(0).max(1)),
  maxScore: optional(z.coerce.number().min(0).max(1)),
  page: optional(z.coerce.number().int().min(1).max(100_000)),
});
export type ToolFilters = z.infer<typeof toolFiltersSchema>;

/** Filters from a page's search params; anything unreadable is dropped rather than failing the page. */
export function parseToolFilters(params: Record<string, string | string[] | undefined>): ToolFilters {
  const out: Record<string, unknown> = {};
  for (const [key, shape] of Object.entries(toolFiltersSchema.shape)) {
    const raw = params[key];
    const parsed = shape.safeParse(Array.isArray(raw) ? raw[0] : raw);
    if (parsed.success && parsed.data !== undefined) out[key] = parsed.data;
  }
  return out as ToolFilters;
}

async function categoryScope(db: Db, categoryId: string): Promise<string[]> {
  const children = await db.category.findMany({ where: { parentId: categoryId }, select: { id: true } });
  return [categoryId, ...children.map((c) => c.id)];
}

export async function toolWhere(db: Db, f: ToolFilters): Promise<Prisma.ToolWhereInput> {
  const and: Prisma.ToolWhereInput[] = [];
  if (f.q)
    and.push({
      OR: [
        { name: { contains: f.q, mode: "insensitive" } },
        { title: { contains: f.q, mode: "insensitive" } },
        { description: { contains: f.q, mode: "insensitive" } },
        { key: { contains: f.q, mode: "insensitive" } },
      ],
    });
  if (f.origin) and.push({ origin: f.origin });
  if (f.quality) and.push({ quality: f.quality });
  if (f.categoryId) and.push({ categoryId: { in: await categoryScope(db, f.categoryId) } });
  if (f.sourceId) and.push({ sourceId: f.sourceId });
  if (f.duplicates === "hide") and.push({ duplicateOfId: null });
  if (f.duplicates === "only") and.push({ duplicateOfId: { not: null } });
  if (f.minScore !== undefined) and.push({ qualityScore: { gte: f.minScore } });
  if (f.maxScore !== undefined) and.push({ qualityScore: { lte: f.maxScore } });
  return and.length ? { AND: and } : {};
}

export const TOOLS_PER_PAGE = 50;

export async function listTools(db: Db, f: ToolFilters, perPage = TOOLS_PER_PAGE) {
  const where = await toolWhere(db, f);
  const page = f.page ?? 1;
  const [rows, total] = await Promise.all([
    db.tool.findMany({
      where,
      orderBy: [{ key: "asc" }],
      skip: (page - 1) * perPage,
      take: perPage,
      select: {
        id: true,
        key: true,
        name: true,
        description: true,
        origin: true,
        quality: true,
        qualityScore: true,
        duplicateOfId: true,
        normalizations: true,
        source: { select: { name: true } },
        category: { select: { id: true, name: true } },
      },
    }),
    db.tool.count({ where }),
  ]);
  return { rows, total, page, pages: Math.max(1, Math.ceil(total / perPage)) };
}
export type ToolListRow = Awaited<ReturnType<typeof listTools>>["rows"][number];

/** What names a tool in a page title, or null when there is no such tool. */
export function toolHeading(db: Db, id: string) {
  return db.tool.findUnique({ where: { id }, select: { name: true, title: true } });
}

/** The tool sources to filter by. */
export function sourceOptions(db: Db) {
  return db.toolSource.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}

export async function getToolDetail(db: Db, id: string) {
  return db.tool.findUnique({
    where: { id },
    include: {
      source: { select: { id: true, name: true, kind: true, serverName: true, serverVersion: true } },
      category: { select: { id: true, name: true, parent: { select: { id: true, name: true } } } },
      versions: { orderBy: { createdAt: "desc" } },
      duplicateOf: { select: { id: true, key: true, name: true } },
      duplicates: { select: { id: true, key: true, name: true }, orderBy: { key: "asc" }, take: 50 },
      agents: { select: { role: true, agent: { select: { id: true, name: true } } }, take: 50 },
    },
  });
}

export type CategoryRow = {
  id: string;
  name: string;
  description: string;
  parentId: string | null;
  tools: number;
  centroidX: number | null;
  centroidY: number | null;
};

/** Every category with its tool count; a domain counts the tools of its categories. */
export async function listCategories(db: Db): Promise<CategoryRow[]> {
  const rows = await db.category.findMany({ orderBy: { name: "asc" }, include: { _count: { select: { tools: true } } } });
  const own = new Map(rows.map((r) => [r.id, r._count.tools]));
  const total = (id: string): number => (own.get(id) ?? 0) + rows.filter((r) => r.parentId === id).reduce((n, r) => n + total(r.id), 0);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    parentId: r.parentId,
    tools: total(r.id),
    centroidX: r.centroidX,
    centroidY: r.centroidY,
  }));
}

export const mapFiltersSchema = toolFiltersSchema.pick({ origin: true, quality: true, sourceId: true });
export type MapPoint = { id: string; name: string; x: number; y: number; categoryId: string | null; quality: string; origin: string };

export async function mapPoints(db: Db, f: z.infer<typeof mapFiltersSchema>): Promise<MapPoint[]> {
  const rows = await db.tool.findMany({
    where: {
      mapX: { not: null },
      mapY: { not: null },
      ...(f.origin ? { origin: f.origin } : {}),
      ...(f.quality ? { quality: f.quality } : {}),
      ...(f.sourceId ? { sourceId: f.sourceId } : {}),
    },
    select: { id: true, name: true, mapX: true, mapY: true, categoryId: true, quality: true, origin: true },
  });
  return rows.map((r) => ({ id: r.id, name: r.name, x: r.mapX!, y: r.mapY!, categoryId: r.categoryId, quality: r.quality, origin: r.origin }));
}

export async function catalogCounts(db: Db) {
  const [sources, byQuality, duplicates, categories] = await Promise.all([
    db.toolSource.count(),
    db.tool.groupBy({ by: ["quality"], _count: { _all: true } }),
    db.tool.count({ where: { duplicateOfId: { not: null } } }),
    db.category.count(),
  ]);
  const q = Object.fromEntries(byQuality.map((g) => [g.quality, g._count._all])) as Partial<Record<"pending" | "accepted" | "rejected", number>>;
  return {
    sources,
    tools: (q.pending ?? 0) + (q.accepted ?? 0) + (q.rejected ?? 0),
    pending: q.pending ?? 0,
    accepted: q.accepted ?? 0,
    rejected: q.rejected ?? 0,
    duplicates,
    categories,
  };
}
