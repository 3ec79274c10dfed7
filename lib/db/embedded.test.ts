import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startQueue } from "../jobs/queue";
import { APP_USER, appPasswordFile, LEGACY_PASSWORD, passwordFile, startEmbeddedPostgres } from "./embedded";
import { migrate } from "./migrate";

describe("embedded PostgreSQL", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "studio-embedded-"));
  chmodSync(dir, 0o755);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function query(url: string, sql: string) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  }

  it("keeps its data across a stop and a start", { timeout: 60_000 }, async () => {
    const first = await startEmbeddedPostgres({ dir: path.join(dir, "pg"), database: "studio", port: 0 });
    await query(first.url, "create table kept (v text); insert into kept values ('still here')");
    await first.stop();
    const second = await startEmbeddedPostgres({ dir: path.join(dir, "pg"), database: "studio", port: 0 });
    try {
      expect(await query(second.url, "select v from kept")).toEqual([{ v: "still here" }]);
    } finally {
      await second.stop();
    }
  });

  const mode = (p: string) => statSync(p).mode & 0o777;
  const withPassword = (url: string, password: string) => {
    const u = new URL(url);
    u.password = password;
    return u.toString();
  };

  it(
    "a new data folder gets a random password of its own, kept readable by its owner only, in a folder only its owner enters",
    { timeout: 60_000 },
    async () => {
      const pgDir = path.join(dir, "fresh");
      const db = await startEmbeddedPostgres({ dir: pgDir, database: "studio", port: 0 });
      try {
        const password = readFileSync(passwordFile(pgDir), "utf8");
        expect(password).toMatch(/^[\w-]{32}$/);
        expect(new URL(db.superuserUrl).password).toBe(password);
        expect(mode(passwordFile(pgDir))).toBe(0o600);
        expect(mode(pgDir)).toBe(0o700);
        await expect(query(withPassword(db.superuserUrl, LEGACY_PASSWORD), "select 1")).rejects.toThrow(/password authentication failed/);
      } finally {
        await db.stop();
      }
    },
  );

  it("a data folder made with the old fixed password keeps its data and moves to a random password on start", { timeout: 90_000 }, async () => {
    const pgDir = path.join(dir, "legacy");
    const old = await startEmbeddedPostgres({ dir: pgDir, database: "studio", port: 0 });
    // as studios before this one left it: the fixed password, no password file
    await query(old.superuserUrl, `create table kept (v text); insert into kept values ('still here'); alter role studio password '${LEGACY_PASSWORD}'`);
    await old.stop();
    rmSync(passwordFile(pgDir));
    const db = await startEmbeddedPostgres({ dir: pgDir, database: "studio", port: 0 });
    try {
      expect(await query(db.url, "select v from kept")).toEqual([{ v: "still here" }]);
      expect(new URL(db.superuserUrl).password).not.toBe(LEGACY_PASSWORD);
      expect(existsSync(passwordFile(pgDir)) && mode(passwordFile(pgDir))).toBe(0o600);
      await expect(query(withPassword(db.superuserUrl, LEGACY_PASSWORD), "select 1")).rejects.toThrow(/password authentication failed/);
    } finally {
      await db.stop();
    }
  });

  /** What the studio's own role may do: its schema's work, and nothing a superuser alone may. */
  async function expectConfined(url: string) {
    expect(new URL(url).username).toBe(APP_USER);
    expect(await query(url, "select rolsuper, rolcreatedb, rolcreaterole from pg_roles where rolname = current_user")).toEqual([
      { rolsuper: false, rolcreatedb: false, rolcreaterole: false },
    ]);
    await expect(query(url, "copy (select 1) to program 'true'")).rejects.toThrow(/permission denied|must be superuser|pg_execute_server_program/);
    await expect(query(url, "create database elsewhere")).rejects.toThrow(/permission denied/);
    await expect(query(url, `alter role ${APP_USER} superuser`)).rejects.toThrow(/permission denied|must be superuser/);
    // migrations, the job queue and the studio's tables all work as this role
    await migrate(url);
    const boss = await startQueue(url, { supervise: false });
    await boss.stop({ graceful: false });
    await query(url, `alter table "Run" add column owner_check int; alter table "Run" drop column owner_check`);
    await query(url, `insert into "Setting" (key, value, "updatedAt") values ('owner-check', '1'::jsonb, now())`);
  }

  it("the studio connects as a role of its own that is no superuser, owns the studio's schema and can migrate it", { timeout: 90_000 }, async () => {
    const pgDir = path.join(dir, "app-role");
    const db = await startEmbeddedPostgres({ dir: pgDir, database: "studio", port: 0 });
    try {
      expect(new URL(db.url).password).toBe(readFileSync(appPasswordFile(pgDir), "utf8"));
      expect(mode(appPasswordFile(pgDir))).toBe(0o600);
      await expectConfined(db.url);
    } finally {
      await db.stop();
    }
    const again = await startEmbeddedPostgres({ dir: pgDir, database: "studio", port: 0 });
    try {
      expect(again.url).toBe(db.url.replace(new URL(db.url).port, new URL(again.url).port)); // the same role and password
      expect(await query(again.url, `select value from "Setting" where key = 'owner-check'`)).toEqual([{ value: 1 }]);
    } finally {
      await again.stop();
    }
  });

  it("a data folder whose tables the superuser made (older studios) gets the role and hands it everything on start", { timeout: 120_000 }, async () => {
    const pgDir = path.join(dir, "superuser-made");
    const before = await startEmbeddedPostgres({ dir: pgDir, database: "studio", port: 0 });
    // as older studios left it: migrated and used by the superuser, no role of the studio's own
    await query(before.superuserUrl, `reassign owned by ${APP_USER} to studio; drop owned by ${APP_USER}; drop role ${APP_USER}`);
    await migrate(before.superuserUrl);
    const boss = await startQueue(before.superuserUrl, { supervise: false });
    await boss.stop({ graceful: false });
    await query(before.superuserUrl, `insert into "Setting" (key, value, "updatedAt") values ('kept', '"still here"'::jsonb, now())`);
    await before.stop();
    rmSync(appPasswordFile(pgDir));
    const db = await startEmbeddedPostgres({ dir: pgDir, database: "studio", port: 0 });
    try {
      expect(await query(db.url, `select value from "Setting" where key = 'kept'`)).toEqual([{ value: "still here" }]);
      const foreign = await query(
        db.superuserUrl,
        `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname in ('public', 'pgboss') and c.relkind in ('r', 'p', 'S', 'v') and pg_get_userbyid(c.relowner) <> '${APP_USER}'`,
      );
      expect(foreign).toEqual([]);
      await expectConfined(db.url);
    } finally {
      await db.stop();
    }
  });
});
