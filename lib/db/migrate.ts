import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");

type Migration = { name: string; sql: string; checksum: string };

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/**
 * Applies pending migrations in order, recording them in `_prisma_migrations`
 * exactly as `prisma migrate deploy` does, so either tool sees the same
 * history. A lock keeps concurrent starters from racing.
 * `schema` confines everything to one PostgreSQL schema (tests use this);
 * `before` stops at the first migration whose name sorts at or after it (to test a migration on older data).
 */
export async function migrate(url: string, opts: { schema?: string; before?: string; log?: (s: string) => void } = {}) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const applied: string[] = [];
  try {
    if (opts.schema) {
      await client.query(`create schema if not exists "${opts.schema}"`);
      await client.query(`set search_path to "${opts.schema}"`);
    }
    await client.query("select pg_advisory_lock(72707369)");
    await client.query(`create table if not exists "_prisma_migrations" (
      id varchar(36) primary key, checksum varchar(64) not null, finished_at timestamptz,
      migration_name varchar(255) not null, logs text, rolled_back_at timestamptz,
      started_at timestamptz not null default now(), applied_steps_count integer not null default 0)`);
    const done = await client.query<{ migration_name: string; checksum: string }>(
      `select migration_name, checksum from "_prisma_migrations" where finished_at is not null and rolled_back_at is null`,
    );
    const seen = new Map(done.rows.map((r) => [r.migration_name, r.checksum]));
    for (const m of listMigrations()) {
      if (opts.before !== undefined && m.name >= opts.before) break;
      const previous = seen.get(m.name);
      if (previous) {
        if (previous !== m.checksum) throw new Error(`Migration ${m.name} was changed after it was applied`);
        continue;
      }
      await client.query("begin");
      try {
        await client.query(m.sql);
        await client.query(
          `insert into "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
           values ($1, $2, $3, now(), 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await client.query("commit");
      } catch (e) {
        await client.query("rollback");
        throw new Error(`Migration ${m.name} failed: ${(e as Error).message}`);
      }
      applied.push(m.name);
      opts.log?.(`applied migration ${m.name}`);
    }
  } finally {
    await client.query("select pg_advisory_unlock(72707369)").catch(() => {});
    await client.end();
  }
  return applied;
}
