import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { SseError, SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport, StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { HttpConfig, StdioConfig } from "../source-config";
import { checkHttpTarget, pinnedFetch } from "./http-target";
import { mcpConfinement } from "./bubblewrap";
import { stdioLaunch } from "./policy";

// Opens an MCP client session to a source. Whatever goes wrong — the process
// cannot start, exits, prints something that is not JSON-RPC, never answers —
// ends as an error whose message says so, with the end of the server's stderr.

export const CLIENT_INFO = { name: "trajectory-studio", version: "1.0.0" };
const TAIL = 600;
const BUBBLEWRAP_HINT =
  "the server runs under bubblewrap: it sees only the system, its runtime and the folders its source declares (config.folders), and has no network unless config.network is true";

export type Session = {
  client: Client;
  /** what went wrong on the wire so far, for error messages */
  trouble(): string;
  close(): Promise<void>;
};

/**
 * What went wrong with a remote server, without what it answered: an HTTP
 * source's reply body is not shown (a source must not become a way to read
 * other services' pages), only the status or the network error's code.
 */
export function remoteFailure(e: unknown): string {
  if (e instanceof StreamableHTTPError || e instanceof SseError)
    return typeof e.code === "number" && e.code > 0 ? `HTTP ${e.code}` : "the server's answer was not an MCP response";
  for (let cause: unknown = e; cause instanceof Error; cause = cause.cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (typeof code === "string") return code;
  }
  return "the server's answer was not an MCP response";
}

class Trouble {
  private stderr = "";
  private errors: string[] = [];
  closed = false;
  /** said after the rest when the server did not get going */
  hint = "";
  constructor(private readonly remote = false) {}
  addStderr(chunk: Buffer | string) {
    this.stderr = (this.stderr + chunk.toString()).slice(-TAIL);
  }
  addError(e: Error) {
    this.addNote(this.remote ? remoteFailure(e) : e.message.slice(0, 200));
  }
  addNote(text: string) {
    if (this.errors.length < 3) this.errors.push(text);
  }
  text(): string {
    const parts: string[] = [];
    if (this.closed) parts.push("the server closed the connection (exited)");
    if (this.errors.length) parts.push(`transport errors: ${this.errors.join(" | ")}`);
    const err = this.stderr.trim();
    if (err) parts.push(`stderr: …${err.split("\n").slice(-5).join(" ⏎ ")}`);
    if (this.hint && parts.length) parts.push(this.hint);
    return parts.join("; ");
  }
}

/**
 * The SDK closes a failed stdio session in the background and waits two
 * seconds before it signals the process, which outlives a short-lived caller
 * (a test, a CLI command). A server that failed to start is killed at once.
 */
function killOnFailure(transport: StdioClientTransport): () => void {
  let pid: number | null = null;
  const start = transport.start.bind(transport);
  transport.start = async () => {
    await start();
    pid = transport.pid;
  };
  return () => {
    if (pid === null) return;
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  };
}

async function open(transport: Transport, trouble: Trouble, timeoutMs: number, signal?: AbortSignal): Promise<Session> {
  const client = new Client(CLIENT_INFO, { capabilities: {} });
  client.onerror = (e) => trouble.addError(e);
  client.onclose = () => (trouble.closed = true);
  try {
    await client.connect(transport, { timeout: timeoutMs, signal });
  } catch (e) {
    await client.close().catch(() => {});
    throw e;
  }
  return { client, trouble: () => trouble.text(), close: () => client.close() };
}

export async function openStdio(config: StdioConfig, signal?: AbortSignal): Promise<{ session?: Session; trouble: () => string; error?: unknown }> {
  const trouble = new Trouble();
  const { command, args, env, cwd } = stdioLaunch(config);
  if (mcpConfinement().kind === "bubblewrap") trouble.hint = BUBBLEWRAP_HINT;
  const transport = new StdioClientTransport({ command, args, env, cwd, stderr: "pipe" });
  transport.stderr?.on("data", (chunk: Buffer) => trouble.addStderr(chunk));
  const kill = killOnFailure(transport);
  try {
    return { session: await open(transport, trouble, config.timeoutMs, signal), trouble: () => trouble.text() };
  } catch (error) {
    kill();
    return { error, trouble: () => trouble.text() };
  }
}

export async function openHttp(config: HttpConfig, signal?: AbortSignal): Promise<{ session?: Session; trouble: () => string; error?: unknown }> {
  const url = new URL(config.url);
  const requestInit = { headers: config.headers };
  const fetch = pinnedFetch(await checkHttpTarget(url));
  const trouble = new Trouble(true);
  if (config.transport !== "sse") {
    try {
      return {
        session: await open(new StreamableHTTPClientTransport(url, { requestInit, fetch }), trouble, config.timeoutMs, signal),
        trouble: () => trouble.text(),
      };
    } catch (error) {
      if (config.transport === "streamable-http" || signal?.aborted) return { error, trouble: () => trouble.text() };
      trouble.addNote(`Streamable HTTP failed (${remoteFailure(error)}), tried SSE`);
    }
  }
  try {
    return { session: await open(new SSEClientTransport(url, { requestInit, fetch }), trouble, config.timeoutMs, signal), trouble: () => trouble.text() };
  } catch (error) {
    return { error, trouble: () => trouble.text() };
  }
}
