import type { Db, Prisma } from "../db/client";

// The content-addressed response cache: the key is the request's hash, the
// value what the gateway returned for it.

export async function cacheGet(db: Db, key: string): Promise<unknown> {
  const row = await db.llmCacheEntry.findUnique({ where: { key } });
  return row?.response ?? undefined;
}

export async function cacheGetMany(db: Db, keys: string[]): Promise<Map<string, unknown>> {
  if (keys.length === 0) return new Map();
  const rows = await db.llmCacheEntry.findMany({ where: { key: { in: keys } } });
  return new Map(rows.map((r) => [r.key, r.response]));
}

/** Two identical calls racing both store; the first one stays. */
export async function cachePut(db: Db, entries: { key: string; response: unknown }[]): Promise<void> {
  if (entries.length === 0) return;
  await db.llmCacheEntry.createMany({
    data: entries.map((e) => ({ key: e.key, response: e.response as Prisma.InputJsonValue })),
    skipDuplicates: true,
  });
}
