import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { databaseUrl } from "../env";
import { createStudioPool } from "./errors";

export type Db = PrismaClient;
export * from "./generated/client";

const globalForDb = globalThis as unknown as { studioDb?: PrismaClient };

/** `schema` confines the client to one PostgreSQL schema (tests use one per file). */
export function createDb(url = databaseUrl(), opts: { max?: number; schema?: string } = {}): PrismaClient {
  const pool = {
    connectionString: url,
    max: opts.max ?? 10,
    ...(opts.schema ? { options: `-c search_path="${opts.schema}"` } : {}),
  };
  return new PrismaClient({
    adapter: new PrismaPg(createStudioPool(pool), { ...(opts.schema ? { schema: opts.schema } : {}), disposeExternalPool: true }),
    // Prisma's defaults (2 s to get a connection, 5 s to finish) fail transactions on a busy machine with many items in flight
    transactionOptions: { maxWait: 10_000, timeout: 30_000 },
  });
}

/** The process-wide client; created on first use so importing this module is free. */
export function db(): PrismaClient {
  globalForDb.studioDb ??= createDb();
  return globalForDb.studioDb;
}
