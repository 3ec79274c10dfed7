import { randomBytes } from "node:crypto";
import pg from "pg";
import type { PgBoss } from "pg-boss";
import { afterAll, inject } from "vitest";
import { createDb, type Db } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { startQueue } from "../lib/jobs/queue";

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

/** A queue in the test file's schema (for commands that start runs), stopped after the file's tests. Use inside `beforeAll`, after createTestDb. */
export async function createTestQueue(t: TestDb): Promise<PgBoss> {
  const queue = await startQueue(urlWithSchema(t.url, t.schema), { schema: t.schema, supervise: false });
  afterAll(() => queue.stop({ graceful: false, timeout: 2000 }));
  return queue;
}

/**
 * A whole database of its own (for worker processes and the CLI, which work
 * on a database as they would on the studio's), named `<prefix>_<random>`.
 */
export async function createTestDatabase(base: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
