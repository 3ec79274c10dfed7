import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { PermanentError } from "../../db/errors";
import type { HttpConfig, StdioConfig } from "../source-config";
import { openHttp, openStdio, remoteFailure, type Session } from "./connect";
import { SourcePolicyError } from "./policy";

// Lists every tool a server offers, following nextCursor. The page is read
// loosely (each tool as unknown): one malformed tool must not lose the others,
// the catalogue's normalizer judges each tool on its own.

export const MAX_PAGES = 200;

const pageSchema = z.looseObject({ tools: z.array(z.unknown()), nextCursor: z.string().optional().nullable() });

export type ServerListing = { serverName?: string; serverVersion?: string; tools: unknown[]; pages: number };

/** Never mistaken for the database going away, whatever the server printed. */
export class HarvestError extends PermanentError {}

function describe(e: unknown, timeoutMs: number, remote = false): string {
  if (e instanceof McpError && e.code === ErrorCode.RequestTimeout) return `no answer within ${timeoutMs / 1000} s`;
  if (e instanceof McpError && e.code === ErrorCode.ConnectionClosed) return "the connection closed";
  if (remote) return remoteFailure(e);
  const message = e instanceof Error ? e.message : String(e);
  return message.replace(/^MCP error -?\d+: /, "");
}

async function listPages(
  session: Session,
  timeoutMs: number,
  remote: boolean,
  signal?: AbortSignal,
): Promise<Omit<ServerListing, "serverName" | "serverVersion">> {
  const tools: unknown[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 1; page <= MAX_PAGES; page++) {
    let result: z.infer<typeof pageSchema>;
    try {
      result = await session.client.request({ method: "tools/list", params: cursor ? { cursor } : {} }, pageSchema, { timeout: timeoutMs, signal });
    } catch (e) {
      const trouble = session.trouble();
      throw new HarvestError(`listing tools (page ${page}) failed: ${describe(e, timeoutMs, remote)}${trouble ? `; ${trouble}` : ""}`);
    }
    tools.push(...result.tools);
    cursor = result.nextCursor ?? undefined;
    if (!cursor) return { tools, pages: page };
    if (seen.has(cursor)) throw new HarvestError(`the server returned the cursor "${cursor}" twice: stopped to avoid listing forever`);
    seen.add(cursor);
  }
  throw new HarvestError(`the server kept returning a next page after ${MAX_PAGES} pages`);
}

/** Connects, lists all tools and disconnects; throws a HarvestError that says what failed. */
export async function listServerTools(
  source: { kind: "stdio"; config: StdioConfig } | { kind: "http"; config: HttpConfig },
  signal?: AbortSignal,
): Promise<ServerListing> {
  const { timeoutMs } = source.config;
  const remote = source.kind === "http";
  let opened;
  try {
    opened = source.kind === "stdio" ? await openStdio(source.config, signal) : await openHttp(source.config, signal);
  } catch (e) {
    if (e instanceof SourcePolicyError) throw new HarvestError(`refused: ${e.message}`);
    throw new HarvestError(`could not start the server: ${describe(e, timeoutMs, remote)}`);
  }
  if (!opened.session) {
    const trouble = opened.trouble();
    throw new HarvestError(`could not connect (initialize): ${describe(opened.error, timeoutMs, remote)}${trouble ? `; ${trouble}` : ""}`);
  }
  const session = opened.session;
  try {
    const info = session.client.getServerVersion();
    const listing = await listPages(session, timeoutMs, remote, signal);
    return { serverName: info?.name, serverVersion: info?.version, ...listing };
  } finally {
    await session.close().catch(() => {});
  }
}
