import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { LEGACY_PASSWORD, passwordFile, startEmbeddedPostgres } from "./embedded";

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

  it("a new data folder gets a random password of its own, kept readable by its owner only, in a folder only its owner enters", { timeout: 60_000 }, async () => {
    const pgDir = path.join(dir, "fresh");
    const db = await startEmbeddedPostgres({ dir: pgDir, database: "studio", port: 0 });
    try {
      const password = readFileSync(passwordFile(pgDir), "utf8");
      expect(password).toMatch(/^[\w-]{32}$/);
      expect(new URL(db.url).password).toBe(password);
      expect(mode(passwordFile(pgDir))).toBe(0o600);
      expect(mode(pgDir)).toBe(0o700);
      await expect(query(withPassword(db.url, LEGACY_PASSWORD), "select 1")).rejects.toThrow(/password authentication failed/);
    } finally {
      await db.stop();
    }
  });

  it("a data folder made with the old fixed password keeps its data and moves to a random password on start", { timeout: 90_000 }, async () => {
    const pgDir = path.join(dir, "legacy");
    const old = await startEmbeddedPostgres({ dir: pgDir, database: "studio", port: 0 });
    // as studios before this one left it: the fixed password, no password file
    await query(old.url, `create table kept (v text); insert into kept values ('still here'); alter role studio password '${LEGACY_PASSWORD}'`);
    await old.stop();
    rmSync(passwordFile(pgDir));
    const db = await startEmbeddedPostgres({ dir: pgDir, database: "studio", port: 0 });
    try {
      expect(await query(db.url, "select v from kept")).toEqual([{ v: "still here" }]);
      expect(new URL(db.url).password).not.toBe(LEGACY_PASSWORD);
      expect(existsSync(passwordFile(pgDir)) && mode(passwordFile(pgDir))).toBe(0o600);
      await expect(query(withPassword(db.url, LEGACY_PASSWORD), "select 1")).rejects.toThrow(/password authentication failed/);
    } finally {
      await db.stop();
    }
  });
});
