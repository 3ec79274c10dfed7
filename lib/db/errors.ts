// Errors that mean "the database went away for a moment", not "this work is wrong":
// the work should be retried, never recorded as a failure of the item.
const TRANSIENT_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006", "P1001", "P1017"]);
const TRANSIENT_MESSAGES = /connection terminated|connection error|terminating connection|the database system is (starting up|shutting down)|can't reach database|server closed the connection/i;

/**
 * A failure of the work itself, whatever its message says: an MCP server's
 * stderr, quoted in a harvest error, may well read "connection terminated".
 */
export class PermanentError extends Error {}

export function isTransientDbError(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== "object" || depth > 4 || e instanceof PermanentError) return false;
  const err = e as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof err.code === "string" && TRANSIENT_CODES.has(err.code)) return true;
  if (typeof err.message === "string" && TRANSIENT_MESSAGES.test(err.message)) return true;
  return isTransientDbError(err.cause, depth + 1);
}
