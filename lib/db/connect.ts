import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { env } from "../env";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded";

export type ResolvedDatabase = { url: string; embedded: EmbeddedDatabase | null };

const urlFile = () => path.join(env.STUDIO_DATA_DIR, "pg-url");

/** A one-line description of why PostgreSQL at `url` cannot be reached, or null when it can. */
export async function checkConnection(url: string): Promise<string | null> {
  let where = "the configured database";
  try {
    const u = new URL(url);
    where = `${u.hostname}:${u.port || 5432}/${u.pathname.slice(1)}`;
  } catch {
    return "DATABASE_URL is not a valid URL (expected postgresql://user:password@host:5432/database)";
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("select 1");
    return null;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return `Cannot connect to PostgreSQL at ${where}: ${err.code ?? ""} ${err.message}`.replace(/\s+/g, " ").trim();
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL kept in the data
 * folder, started here (`start`) or already started by `npm start` on this
 * machine (found through the URL it leaves in the data folder).
 */
export async function resolveDatabase(opts: { start: boolean; log?: (s: string) => void }): Promise<ResolvedDatabase> {
  if (env.DATABASE_URL) {
    const problem = await checkConnection(env.DATABASE_URL);
    if (problem) throw new Error(problem);
    return { url: env.DATABASE_URL, embedded: null };
  }
  if (existsSync(urlFile())) {
    const url = readFileSync(urlFile(), "utf8").trim();
    if (!(await checkConnection(url))) return { url, embedded: null };
  }
  if (!opts.start) throw new Error("No DATABASE_URL and no studio running on this machine: start one with `npm start`");
  opts.log?.("starting embedded PostgreSQL…");
  const embedded = await startEmbeddedPostgres({ dir: path.join(env.STUDIO_DATA_DIR, "pg"), database: "studio" });
  // it holds the password: readable by the studio's user only
  writeFileSync(urlFile(), embedded.url, { mode: 0o600 });
  chmodSync(urlFile(), 0o600);
  return { url: embedded.url, embedded };
}
