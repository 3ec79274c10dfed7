import type { Db } from "../db/client";
import { embeddingText } from "./embed-text";
import type { CatalogGateway } from "./gateway";

// Embeds tools that have no vector yet (new, or whose spec changed: upsert
// clears the vector). Which tools need it is read from the data itself, so
// an interrupted run simply continues with the rest.

export type EmbedTarget = { id: string; key: string; name: string; description: string };

// A tool created without a vector has NULL there, which Prisma's isEmpty does not match.
export async function toolsNeedingEmbedding(db: Db): Promise<EmbedTarget[]> {
  return db.$queryRaw<EmbedTarget[]>`select id, key, name, description from "Tool" where coalesce(cardinality(embedding), 0) = 0 order by key`;
}

export async function countUnembedded(db: Db): Promise<number> {
  const [{ n }] = await db.$queryRaw<{ n: number }[]>`select count(*)::int as n from "Tool" where coalesce(cardinality(embedding), 0) = 0`;
  return n;
}

/** Writes many vectors in one statement (a statement per tool is the slow part at 20,000 tools). */
export async function writeEmbeddings(db: Db, ids: string[], vectors: number[][]): Promise<void> {
  if (!ids.length) return;
  const literals = vectors.map((v) => `{${v.join(",")}}`);
  await db.$executeRaw`update "Tool" t set embedding = v.e::double precision[], "updatedAt" = now()
    from unnest(${ids}::text[], ${literals}::text[]) as v(id, e) where t.id = v.id`;
}

export async function embedTools(db: Db, gateway: CatalogGateway, tools: EmbedTarget[], ctx: { runId?: string; signal?: AbortSignal } = {}): Promise<void> {
  if (!tools.length) return;
  const vectors = await gateway.embed(tools.map(embeddingText), { runId: ctx.runId, signal: ctx.signal });
  if (vectors.length !== tools.length) throw new Error(`the embedding model returned ${vectors.length} vectors for ${tools.length} texts`);
  await writeEmbeddings(
    db,
    tools.map((t) => t.id),
    vectors,
  );
}
