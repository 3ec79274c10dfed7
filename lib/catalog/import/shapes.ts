import type { Document } from "./parse-text";

// Finds the tool definitions in a parsed document, whatever wraps them: MCP
// tools/list results (bare or as a JSON-RPC response), OpenAI tool lists and
// request bodies, legacy `functions` lists, maps of server name → tools, and
// plain arrays. Anything else becomes an entry the normalizer rejects.

export type Location = { file: string; index: number; line?: number };
export type RawEntry = { value: unknown; location: Location; server?: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function serverOf(obj: Obj): string | undefined {
  const info = obj.serverInfo ?? obj.server;
  if (isObj(info) && typeof info.name === "string") return info.name;
  for (const v of [obj.server, obj.serverName, obj.server_name, obj.name]) if (typeof v === "string" && v.trim()) return v.trim();
  return undefined;
}

function isServerMap(obj: Obj): boolean {
  const values = Object.values(obj);
  return values.length > 0 && values.every((v) => (isObj(v) && Array.isArray(v.tools)) || (Array.isArray(v) && v.every(isObj)));
}

function collect(value: unknown, server: string | undefined, push: (value: unknown, server?: string) => void): void {
  if (Array.isArray(value)) return value.forEach((v) => collect(v, server, push));
  if (!isObj(value)) return push(value, server);
  if ("jsonrpc" in value && isObj(value.result)) return collect(value.result, server, push);
  if (value.type === "function" && isObj(value.function)) return push(value, server);
  const list = Array.isArray(value.tools) ? value.tools : Array.isArray(value.functions) ? value.functions : null;
  if (list) return collect(list, serverOf(value) ?? server, push);
  if (typeof value.name === "string") return push(value, server);
  if (isObj(value.result) && Array.isArray(value.result.tools)) return collect(value.result, server, push);
  if (isServerMap(value)) {
    for (const [name, v] of Object.entries(value)) collect(isObj(v) ? { ...v, server: serverOf(v) ?? name } : v, name, push);
    return;
  }
  push(value, server);
}

export function extractEntries(docs: Document[], file: string): RawEntry[] {
  const entries: RawEntry[] = [];
  for (const doc of docs) {
    collect(doc.value, undefined, (value, server) => {
      entries.push({ value, server, location: { file, index: entries.length, ...(doc.line ? { line: doc.line } : {}) } });
    });
  }
  return entries;
}

export function describeLocation(loc: Location): string {
  return `${loc.file}${loc.line ? `:${loc.line}` : ""} entry #${loc.index + 1}`;
}
