import type { Document } from "./parse-text";

// Finds the tool definitions in a parsed document, whatever wraps them: MCP
// tools/list results (bare or as a JSON-RPC response), OpenAI tool lists and
// request bodies, legacy `functions` lists, BFCL entries (`function` as a
// list), ToolBench tool files and queries (`api_list`), maps of server name →
// tools (a list, or a map of tool name → definition), and plain arrays.
// Anything else becomes an entry the normalizer rejects with its reason.

export type Location = { file: string; index: number; line?: number };
/** `reason`: why the entry cannot be a tool, when the shape around it already says so. */
export type RawEntry = { value: unknown; location: Location; server?: string; reason?: string };
type Push = (value: unknown, server?: string, reason?: string) => void;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function serverOf(obj: Obj): string | undefined {
  const info = obj.serverInfo ?? obj.server;
  if (isObj(info) && typeof info.name === "string") return info.name;
  for (const v of [obj.server, obj.serverName, obj.server_name, obj.name]) if (typeof v === "string" && v.trim()) return v.trim();
  return undefined;
}

/** A server's tools: a list, or a map of tool name → definition. */
function toolList(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value;
  if (!isObj(value)) return null;
  const defs = Object.entries(value);
  if (!defs.length || !defs.every(([, d]) => isObj(d))) return null;
  return defs.map(([name, d]) => ((d as Obj).name === undefined ? { name, ...(d as Obj) } : d));
}

const isServer = (v: unknown) => (isObj(v) && toolList(v.tools) !== null) || (Array.isArray(v) && v.length > 0 && v.every(isObj));

/** `{ "github": { "tools": [...] }, ... }`: most values are servers; the others are reported, not read as tools. */
function isServerMap(obj: Obj): boolean {
  const values = Object.values(obj);
  const servers = values.filter(isServer).length;
  return servers > 0 && servers * 2 >= values.length;
}

/** Claude Desktop / Cursor (`mcpServers`) or VS Code (`servers`): how to start servers, not what they offer. */
function isServerConfig(obj: Obj): boolean {
  const servers = obj.mcpServers ?? obj.servers;
  return isObj(servers) && Object.values(servers).some((v) => isObj(v) && (typeof v.command === "string" || typeof v.url === "string"));
}

/** ToolBench: a tool file (`tool_name` + `api_list` of APIs) or a query (`api_list` of APIs each naming its tool). */
function toolBenchApis(value: Obj): Obj[] | null {
  if (!Array.isArray(value.api_list)) return null;
  const toolName = typeof value.tool_name === "string" ? value.tool_name : typeof value.standardized_name === "string" ? value.standardized_name : undefined;
  return value.api_list.map((api: unknown) =>
    isObj(api) && toolName !== undefined && api.tool_name === undefined ? { ...api, tool_name: toolName } : api,
  ) as Obj[];
}

function collect(value: unknown, server: string | undefined, push: Push): void {
  if (Array.isArray(value)) return value.forEach((v) => collect(v, server, push));
  if (!isObj(value)) return push(value, server);
  if ("jsonrpc" in value && isObj(value.result)) return collect(value.result, server, push);
  if (value.type === "function" && isObj(value.function)) return push(value, server);
  const list = toolList(value.tools) ?? (Array.isArray(value.functions) ? value.functions : null) ?? (Array.isArray(value.function) ? value.function : null);
  if (list) return collect(list, serverOf(value) ?? server, push);
  const apis = toolBenchApis(value);
  if (apis) return collect(apis, typeof value.tool_name === "string" ? value.tool_name : server, push);
  if (typeof value.name === "string") return push(value, server);
  if (isObj(value.function) && typeof value.function.name === "string") return push(value.function, server);
  if (isObj(value.result) && toolList(value.result.tools)) return collect(value.result, server, push);
  if (isServerConfig(value))
    return push(value, server, "an MCP server configuration (mcpServers), not tool definitions: import it with `studio import-servers FILE`");
  if (isServerMap(value)) {
    for (const [name, v] of Object.entries(value)) {
      if (!isServer(v)) push(v, name, `"${name}" is not a server with a tools list, in a map of servers to their tools`);
      else if (Array.isArray(v)) collect(v, name, push);
      else if (isObj(v)) collect({ ...v, tools: toolList(v.tools), server: serverOf(v) ?? name }, name, push);
    }
    return;
  }
  push(value, server);
}

/** The entries of one document; `start` is how many entries of its file came before. */
export function extractEntries(doc: Document, file: string, start = 0): RawEntry[] {
  const entries: RawEntry[] = [];
  collect(doc.value, undefined, (value, server, reason) => {
    entries.push({ value, server, ...(reason ? { reason } : {}), location: { file, index: start + entries.length, ...(doc.line ? { line: doc.line } : {}) } });
  });
  return entries;
}

export function describeLocation(loc: Location): string {
  return `${loc.file}${loc.line ? `:${loc.line}` : ""} entry #${loc.index + 1}`;
}
