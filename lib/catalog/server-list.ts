import { z } from "zod";
import type { Db } from "../db/client";
import { harvestSource, type HarvestSummary } from "./harvest";
import { HarvestError } from "./mcp/list-tools";
import { SourcePolicyError } from "./mcp/policy";
import { sourceNameSchema, type NewSource } from "./source-config";
import { createSource, SourceNameTaken } from "./sources";

// MCP server lists as people keep them: the configuration Claude Desktop and
// Cursor write (`mcpServers`: name → command/args/env or url/headers) and VS
// Code's (`servers`, with a `type`). Each server becomes a source through
// createSource, so its command and address checks apply, and is harvested;
// every server gets a line saying what became of it.

const strings = z.record(z.string(), z.string()).default({});

const serverSchema = z
  .object({
    type: z.string().optional(),
    command: z.string().min(1).optional(),
    args: z.array(z.string()).default([]),
    env: strings,
    cwd: z.string().min(1).optional(),
    url: z.string().optional(),
    headers: strings,
    disabled: z.boolean().optional(),
    // the studio's own keys (see stdioConfigSchema): what the server may see and reach under bubblewrap
    folders: z.array(z.object({ path: z.string(), write: z.boolean().optional() })).optional(),
    network: z.boolean().optional(),
  })
  .passthrough();

export const serverListSchema = z
  .object({ mcpServers: z.record(z.string(), z.unknown()).optional(), servers: z.record(z.string(), z.unknown()).optional() })
  .passthrough()
  .refine((c) => c.mcpServers || c.servers, { message: 'expected an "mcpServers" or "servers" object' });

export type ServerOutcome =
  | { server: string; source: string; status: "harvested"; summary: HarvestSummary }
  | { server: string; source?: string; status: "skipped" | "refused" | "failed"; reason: string };

/** A server's key made a source name (letters, digits and . _ - : @). */
export function sourceNameFor(key: string): string {
  const cleaned = key
    .trim()
    .replace(/[^\w.@:-]+/g, "-")
    .replace(/^[^a-zA-Z0-9]+/, "");
  return (cleaned || "server").slice(0, 80);
}

/** The source one configured server becomes, or why it cannot be one. */
export function sourceFor(key: string, raw: unknown): { source: NewSource } | { reason: string; skipped?: boolean } {
  const parsed = serverSchema.safeParse(raw);
  if (!parsed.success) return { reason: `not a server entry: ${parsed.error.issues.map((i) => `${i.path.join(".") || "entry"}: ${i.message}`).join("; ")}` };
  const s = parsed.data;
  if (s.disabled) return { reason: "disabled in the configuration", skipped: true };
  const name = sourceNameSchema.safeParse(sourceNameFor(key));
  if (!name.success) return { reason: name.error.issues[0].message };
  if (s.command && s.url) return { reason: "gives both a command and a url" };
  if (s.command) {
    const declared = {
      ...(s.cwd ? { cwd: s.cwd } : {}),
      ...(s.folders ? { folders: s.folders } : {}),
      ...(s.network !== undefined ? { network: s.network } : {}),
    };
    return { source: { kind: "stdio", name: name.data, config: { command: s.command, args: s.args, env: s.env, ...declared } } };
  }
  if (s.url) {
    const transport = s.type === "sse" ? "sse" : s.type === "http" || s.type === "streamable-http" || s.type === "streamableHttp" ? "streamable-http" : "auto";
    return { source: { kind: "http", name: name.data, config: { url: s.url, headers: s.headers, transport } } };
  }
  return { reason: "has neither a command nor a url" };
}

/** Why a server could not become a source or be harvested, by the error's class. */
function outcomeOfError(e: unknown): { status: "refused" | "failed"; reason: string } {
  const reason = e instanceof Error ? e.message : String(e);
  if (e instanceof SourcePolicyError || e instanceof z.ZodError) return { status: "refused", reason };
  if (e instanceof SourceNameTaken) return { status: "refused", reason: `${reason}: rename the server in the file or remove that source` };
  if (e instanceof HarvestError) return { status: "failed", reason };
  return { status: "failed", reason };
}

export type AddedServer = { server: string; source: string; sourceId: string };

/** Adds every server of a parsed configuration as a source; what could not be added is in `outcomes`. */
export async function addServerList(db: Db, config: z.infer<typeof serverListSchema>): Promise<{ added: AddedServer[]; outcomes: ServerOutcome[] }> {
  const added: AddedServer[] = [];
  const outcomes: ServerOutcome[] = [];
  for (const [key, raw] of Object.entries(config.mcpServers ?? config.servers ?? {})) {
    const made = sourceFor(key, raw);
    if ("reason" in made) {
      outcomes.push({ server: key, status: made.skipped ? "skipped" : "refused", reason: made.reason });
      continue;
    }
    try {
      added.push({ server: key, source: made.source.name, sourceId: (await createSource(db, made.source)).id });
    } catch (e) {
      outcomes.push({ server: key, source: made.source.name, ...outcomeOfError(e) });
    }
  }
  return { added, outcomes };
}

/** Adds and harvests every server of a parsed configuration, one after another. */
export async function importServerList(db: Db, config: z.infer<typeof serverListSchema>, opts: { signal?: AbortSignal } = {}): Promise<ServerOutcome[]> {
  const { added, outcomes } = await addServerList(db, config);
  for (const a of added) {
    try {
      outcomes.push({ server: a.server, source: a.source, status: "harvested", summary: await harvestSource(db, a.sourceId, { signal: opts.signal }) });
    } catch (e) {
      // the source stays, with the reason in its lastError, to be harvested again once fixed
      outcomes.push({ server: a.server, source: a.source, ...outcomeOfError(e) });
    }
  }
  const order = Object.keys(config.mcpServers ?? config.servers ?? {});
  return outcomes.sort((a, b) => order.indexOf(a.server) - order.indexOf(b.server));
}

export function formatServerOutcomes(outcomes: ServerOutcome[]): string[] {
  return outcomes.map((o) => {
    const who = o.source && o.source !== o.server ? `${o.server} (source "${o.source}")` : o.server;
    if (o.status !== "harvested") return `${o.status} ${who}: ${o.reason}`;
    const s = o.summary;
    return `harvested ${who}: ${s.created + s.updated + s.unchanged} tools (${s.created} new)${s.rejected.length ? `, ${s.rejected.length} rejected: ${s.rejected.map((r) => `${r.name ?? `#${r.location.index + 1}`} (${r.reason})`).join("; ")}` : ""}`;
  });
}
