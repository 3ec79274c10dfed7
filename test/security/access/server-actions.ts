import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";

// The entry points of the built studio, and how to call them as a browser
// would: server actions from the build's manifest (every "use server" export
// that made it into the app), route handlers from app/api on disk.

const ROOT = path.resolve(import.meta.dirname, "../../..");

export type ServerAction = { id: string; file: string; name: string; page: string };
export type RouteHandler = { file: string; method: string; path: string };

type Manifest = { node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }> };

/** "app/(studio)/review/[queueId]/page" → "/review/x": route groups dropped, dynamic segments filled in. */
function pagePath(worker: string): string {
  const segments = worker
    .replace(/^app\//, "")
    .replace(/\/?page$/, "")
    .split("/")
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .map((s) => (/^\[.*\]$/.test(s) ? "x" : s));
  return `/${segments.join("/")}`;
}

export function serverActions(): ServerAction[] {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8")) as Manifest;
  return Object.entries(manifest.node).map(([id, entry]) => {
    const workers = Object.keys(entry.workers);
    // a page without dynamic segments renders after the action without needing a real id
    const worker = workers.find((w) => !w.includes("[")) ?? workers[0];
    return { id, file: entry.filename ?? "?", name: entry.exportedName ?? "?", page: pagePath(worker) };
  });
}

export function routeHandlers(): RouteHandler[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const p = path.join(dir, name);
      return statSync(p).isDirectory() ? walk(p) : name === "route.ts" ? [p] : [];
    });
  return walk(path.join(ROOT, "app/api")).flatMap((file) => {
    const text = readFileSync(file, "utf8");
    const methods = new Set<string>();
    for (const m of text.matchAll(/export\s+(?:async\s+)?function\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) methods.add(m[1]);
    for (const m of text.matchAll(/export\s+const\s+\{([^}]*)\}/g))
      for (const n of m[1].split(",")) if (/^(GET|POST|PUT|PATCH|DELETE)$/.test(n.trim())) methods.add(n.trim());
    const rel = path.relative(ROOT, file);
    const urlPath = pagePath(path.dirname(rel));
    return [...methods].map((method) => ({ file: rel, method, path: urlPath }));
  });
}

// React's own encoder for server function arguments (what the browser runs when an action is called).
const require = createRequire(import.meta.url);
const { encodeReply } = require("next/dist/compiled/react-server-dom-webpack/client.edge") as { encodeReply: (args: unknown[]) => Promise<string | FormData> };

/** Calls a server action the way the browser does: POST to a page with its id in `Next-Action`. */
export async function callAction(
  request: APIRequestContext,
  action: ServerAction,
  args: unknown[],
  headers: Record<string, string> = {},
): Promise<APIResponse> {
  const body = await encodeReply(args);
  const common = { headers: { "next-action": action.id, accept: "text/x-component", ...headers }, maxRedirects: 0, failOnStatusCode: false };
  if (typeof body === "string")
    return request.post(action.page, { ...common, headers: { ...common.headers, "content-type": "text/plain;charset=UTF-8" }, data: body });
  return request.post(action.page, { ...common, multipart: body });
}

/** The form a page without JavaScript posts: the action named in a hidden field, no Next-Action header. */
export async function postActionForm(request: APIRequestContext, action: ServerAction, fields: FormData, headers: Record<string, string> = {}) {
  const form = new FormData();
  form.set(`$ACTION_ID_${action.id}`, "");
  for (const [k, v] of fields) form.append(k, v);
  return request.post(action.page, { multipart: form, headers, maxRedirects: 0, failOnStatusCode: false });
}
