import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { createDb, type Db } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";

export type TestDb = { db: Db; url: string; schema: string };

/**
 * A migrated, empty schema of its own for the calling test file, dropped
 * after the file's tests. Use inside `beforeAll`.
 */
export async function createTestDb(): Promise<TestDb> {
  const url = inject("databaseUrl");
  const schema = `t_${randomBytes(6).toString("hex")}`;
  await migrate(url, { schema });
  const db = createDb(url, { schema, max: 5 });
  afterAll(async () => {
    await db.$disconnect();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
  });
  return { db, url, schema };
}

/** A connection string whose sessions use `schema` (for pg-boss and raw pg clients). */
export function urlWithSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set("options", `-c search_path=${schema}`);
  return u.toString();
}
