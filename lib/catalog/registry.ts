import { z } from "zod";
import { env } from "../env";

// The official MCP registry's server list (GET /v0/servers, cursor
// pagination; each entry a server.json with `packages` to run locally and
// `remotes` to reach): browsed, and turned into the server entries an
// mcpServers configuration holds, so adding them goes through server-list.ts.

/** The registry could not be reached or did not answer with a server list. */
export class RegistryError extends Error {}

const packageSchema = z
  .object({
    registryType: z.string().optional(),
    registry_type: z.string().optional(),
    identifier: z.string().optional(),
    name: z.string().optional(),
    version: z.string().optional(),
    runtimeHint: z.string().optional(),
    transport: z.object({ type: z.string() }).passthrough().optional(),
  })
  .passthrough();
const remoteSchema = z.object({ type: z.string(), url: z.string() }).passthrough();

export const registryServerSchema = z
  .object({
    name: z.string(),
    description: z.string().default(""),
    version: z.string().optional(),
    packages: z.array(packageSchema).default([]),
    remotes: z.array(remoteSchema).default([]),
  })
  .passthrough();
export type RegistryServer = z.infer<typeof registryServerSchema>;

// entries are `{server, _meta}` today; the first published API listed servers bare
const listSchema = z.object({
  servers: z.array(
    z.union([
      z
        .object({ server: registryServerSchema })
        .passthrough()
        .transform((e) => e.server),
      registryServerSchema,
    ]),
  ),
  metadata: z.object({ nextCursor: z.string().nullish() }).passthrough().optional(),
});

export type RegistryPage = { servers: RegistryServer[]; nextCursor: string | null };

export async function listRegistryServers(
  opts: { cursor?: string; search?: string; limit?: number; baseUrl?: string; signal?: AbortSignal } = {},
): Promise<RegistryPage> {
  const base = opts.baseUrl ?? env.STUDIO_MCP_REGISTRY_URL;
  const url = new URL("/v0/servers", base);
  url.searchParams.set("limit", String(opts.limit ?? 50));
  if (opts.cursor) url.searchParams.set("cursor", opts.cursor);
  if (opts.search) url.searchParams.set("search", opts.search);
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: "application/json" }, signal: opts.signal ?? AbortSignal.timeout(15_000) });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
    throw new RegistryError(`the MCP registry at ${base} cannot be reached (${cause}): is this machine offline? STUDIO_MCP_REGISTRY_URL sets another registry`);
  }
  if (!response.ok) throw new RegistryError(`the MCP registry at ${base} answered ${response.status} ${response.statusText}`);
  const parsed = listSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new RegistryError(`the MCP registry at ${base} did not answer with a server list (GET /v0/servers)`);
  return { servers: parsed.data.servers, nextCursor: parsed.data.metadata?.nextCursor || null };
}

/** How to run or reach a registry server, as an mcpServers entry; null when it offers nothing the studio can start. */
export function serverEntry(server: RegistryServer): Record<string, unknown> | null {
  for (const p of server.packages) {
    const type = p.registryType ?? p.registry_type;
    const id = p.identifier ?? p.name;
    if (!id || (p.transport && p.transport.type !== "stdio")) continue;
    if (type === "npm") return { command: "npx", args: ["-y", p.version ? `${id}@${p.version}` : id] };
    if (type === "pypi") return { command: "uvx", args: [p.version ? `${id}==${p.version}` : id] };
    if (type === "oci" || type === "docker")
      return { command: "docker", args: ["run", "-i", "--rm", p.version && !id.includes(":") ? `${id}:${p.version}` : id] };
  }
  const remote = server.remotes.find((r) => r.type === "streamable-http" || r.type === "sse");
  return remote ? { type: remote.type === "sse" ? "sse" : "http", url: remote.url } : null;
}
