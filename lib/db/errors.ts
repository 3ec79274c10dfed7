import pg from "pg";
import { Prisma } from "./generated/client";

// Errors that mean "the database went away for a moment", not "this work is
// wrong": the work should be retried, never recorded as a failure of the item.
// Told apart by class and code only: an endpoint's or a tool's message may read
// "connection error" too (see lib/jobs/error-origin.ts).

// SQLSTATE classes 08 (connection exception) and 57P0x (shutdown, crash, not yet up); socket codes pg reports.
const TRANSIENT_PG_CODES = new Set([
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
]);
// Prisma: can't reach, timed out reaching, server closed the connection, pool timeout, and an
// interactive transaction that waited too long for a connection or ran past its timeout (a busy database).
const TRANSIENT_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
// What the pg driver adapter reports for a lost connection (meta.driverAdapterError.cause.kind).
const TRANSIENT_ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);

/**
 * A failure of the work itself, whatever its message says: an MCP server's
 * stderr, quoted in a harvest error, may well read "connection terminated".
 */
export class PermanentError extends Error {}

/** The connection to PostgreSQL broke under a query (pg reports it without a code). */
export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`database connection lost: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "DatabaseUnavailableError";
  }
}

type AdapterCause = { kind?: unknown; code?: unknown; originalCode?: unknown };

function adapterCause(e: Prisma.PrismaClientKnownRequestError): AdapterCause | undefined {
  const meta = e.meta as { driverAdapterError?: { cause?: AdapterCause } } | undefined;
  return meta?.driverAdapterError?.cause;
}

/** Whether `e` was thrown by the database client (Prisma, the pg driver, or the pool under them). */
export function isDatabaseError(e: unknown): boolean {
  return (
    e instanceof Prisma.PrismaClientKnownRequestError ||
    e instanceof Prisma.PrismaClientUnknownRequestError ||
    e instanceof Prisma.PrismaClientInitializationError ||
    e instanceof Prisma.PrismaClientRustPanicError ||
    e instanceof DatabaseUnavailableError ||
    e instanceof pg.DatabaseError
  );
}

export function isTransientDbError(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== "object" || depth > 4 || e instanceof PermanentError) return false;
  if (e instanceof DatabaseUnavailableError) return true;
  if (e instanceof Prisma.PrismaClientKnownRequestError) {
    if (TRANSIENT_PRISMA_CODES.has(e.code)) return true;
    const cause = adapterCause(e);
    return !!cause && (TRANSIENT_ADAPTER_KINDS.has(String(cause.kind)) || TRANSIENT_PG_CODES.has(String(cause.code ?? cause.originalCode)));
  }
  if (e instanceof Prisma.PrismaClientInitializationError) return TRANSIENT_PRISMA_CODES.has(e.errorCode ?? "");
  if (e instanceof pg.DatabaseError) return TRANSIENT_PG_CODES.has(e.code ?? "");
  // Wrapped by the work (a stage's own error with the database's as its cause): still the database's.
  const cause = (e as { cause?: unknown }).cause;
  return isDatabaseError(cause) && isTransientDbError(cause, depth + 1);
}

/**
 * A pg pool whose queries turn a connection that broke under them (pg's
 * codeless "Connection terminated unexpectedly", a connect timeout) into a
 * DatabaseUnavailableError, so it is told apart by its class. Errors the
 * server sent (pg.DatabaseError) and programming errors pass unchanged.
 */
export function createStudioPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  const guard = (target: { query: unknown }) => {
    const query = (target.query as (...args: unknown[]) => unknown).bind(target);
    target.query = (...args: unknown[]) => {
      const result = query(...args);
      return result instanceof Promise ? result.catch(rethrowConnectionLoss) : result;
    };
  };
  guard(pool); // queries outside a transaction
  pool.on("connect", guard); // a transaction's client
  return pool;
}

function rethrowConnectionLoss(e: unknown): never {
  if (e instanceof pg.DatabaseError || e instanceof TypeError || e instanceof RangeError) throw e;
  if (e instanceof Error && typeof (e as { code?: unknown }).code !== "string") throw new DatabaseUnavailableError(e);
  throw e;
}
