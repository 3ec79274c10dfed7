import type { Db } from "../db/client";
import { errorMessage, LlmRequestError, StructuredOutputError } from "../llm/errors";
import { describeGroup, nameFromTerms, type Naming } from "./category-names";
import { embeddingText } from "./embed-text";
import { isOffline, type CatalogGateway } from "./gateway";
import { clusterVectors, type ClusterConfig, type Clustering, type Group } from "./space/cluster";

// Clusters every embedded tool into categories (and domains above them when
// there are many), writes them with each tool's category and map position,
// and removes categories of earlier runs that nothing uses any more.

export type ClusterTool = { id: string; name: string; description: string };
export type CatalogClustering = { tools: ClusterTool[]; clustering: Clustering };

export async function clusterCatalog(db: Db, config: ClusterConfig): Promise<CatalogClustering | null> {
  const all = await db.tool.findMany({
    orderBy: { key: "asc" },
    select: { id: true, name: true, description: true, embedding: true, quality: true, duplicateOfId: true, sourceId: true },
  });
  const rows = all.filter((r) => r.embedding.length > 0);
  const dims = new Map<number, number>();
  for (const r of rows) dims.set(r.embedding.length, (dims.get(r.embedding.length) ?? 0) + 1);
  const dim = [...dims.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  // vectors from another embedding model cannot share a space: they wait for the next embed run
  const tools = rows.filter((r) => r.embedding.length === dim);
  if (tools.length === 0) return null;
  const clustering = clusterVectors(
    tools.map((t) => t.embedding),
    tools.map(embeddingText),
    tools.map((t) => t.quality !== "rejected" && !t.duplicateOfId),
    config,
    tools.map((t) => t.sourceId),
  );
  return { tools: tools.map(({ id, name, description }) => ({ id, name, description })), clustering };
}

/** `onFallback`: told when a category the model could not name is named by its distinctive words. */
export type Namer = { gateway: CatalogGateway | null; runId?: string; signal?: AbortSignal; seed?: number; onFallback?: (reason: string) => Promise<void> };

export async function namer(gateway: CatalogGateway, naming: Naming, ctx: Omit<Namer, "gateway">): Promise<Namer> {
  const useModel = naming === "generator" || (naming === "auto" && !(await isOffline(gateway, "generator")));
  return { gateway: useModel ? gateway : null, ...ctx };
}

function centroid(c: CatalogClustering, members: number[]) {
  let x = 0;
  let y = 0;
  for (const i of members) {
    x += c.clustering.map[i * 2];
    y += c.clustering.map[i * 2 + 1];
  }
  return { centroidX: x / members.length, centroidY: y / members.length };
}

/** Writes one category (or domain) row and returns its id. */
export async function writeCategory(db: Db, c: CatalogClustering, group: Group, parentId: string | null, name: Namer): Promise<string> {
  const examples = group.members.slice(0, 12).map((i) => c.tools[i]);
  const summary = { terms: group.terms, size: group.members.length, examples };
  const described = await describeGroup(summary, name.gateway, name).catch(async (e: unknown) => {
    // The model kept failing to name it (output it could not use, or a refusal): its distinctive words name it,
    // and the run records why. An endpoint that is down is not this: the run pauses for it instead.
    if (!(e instanceof StructuredOutputError) && !(e instanceof LlmRequestError && !e.unreachable)) throw e;
    const fallback = nameFromTerms(summary);
    await name.onFallback?.(`category "${fallback.name}" named by its distinctive words: ${errorMessage(e)}`);
    return fallback;
  });
  const row = await db.category.create({
    data: { name: described.name, description: described.description, parentId, runId: name.runId ?? null, ...centroid(c, group.members) },
  });
  return row.id;
}

/** Sets category and map position of the tools at `indexes`, one statement for all. */
export async function assignTools(db: Db, c: CatalogClustering, indexes: number[], categoryIds: string[]): Promise<void> {
  const ids = indexes.map((i) => c.tools[i].id);
  const categories = indexes.map((i) => categoryIds[c.clustering.assignments[i]]);
  const xs = indexes.map((i) => c.clustering.map[i * 2]);
  const ys = indexes.map((i) => c.clustering.map[i * 2 + 1]);
  await db.$executeRaw`update "Tool" t set "categoryId" = v.c, "mapX" = v.x, "mapY" = v.y, "updatedAt" = now()
    from unnest(${ids}::text[], ${categories}::text[], ${xs}::float8[], ${ys}::float8[]) as v(id, c, x, y) where t.id = v.id`;
}

/** Deletes categories not made by `keepRunId` that hold no tools, then parents left without children. */
export async function removeStaleCategories(db: Db, keepRunId: string | null): Promise<number> {
  const stale = { OR: [{ runId: null }, { runId: { not: keepRunId ?? "" } }], tools: { none: {} } };
  const leaves = await db.category.deleteMany({ where: { ...stale, children: { none: {} } } });
  const parents = await db.category.deleteMany({ where: { ...stale, children: { none: {} } } });
  return leaves.count + parents.count;
}
