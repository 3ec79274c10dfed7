import { lookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { Readable } from "node:stream";
import type { FetchLike } from "@modelcontextprotocol/sdk/shared/transport.js";
import { addressList, inList } from "../../auth/client-address";
import { mcpPolicy, SourcePolicyError } from "./policy";

// An HTTP source must not turn the studio into a way into its own network:
// its host is resolved first, every address it resolves to is checked, and
// the connection goes to the address that was checked (a second lookup could
// answer differently). Redirects are not followed.

const NOT_PUBLIC = addressList([
  "0.0.0.0/8",
  "10.0.0.0/8",
  "100.64.0.0/10",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "172.16.0.0/12",
  "192.0.0.0/24",
  "192.168.0.0/16",
  "198.18.0.0/15",
  "224.0.0.0/4",
  "240.0.0.0/4",
  "::/128",
  "::1/128",
  "fc00::/7",
  "fe80::/10",
  "ff00::/8",
]);

export type CheckedTarget = { address: string; family: 4 | 6 };

/** Resolves the URL's host and refuses loopback, link-local and private addresses unless the policy allows them. */
export async function checkHttpTarget(url: URL, policy = mcpPolicy()): Promise<CheckedTarget> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: { address: string; family: number }[];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await lookup(host, { all: true });
    } catch (e) {
      throw new SourcePolicyError(`the host ${host} could not be resolved (${(e as NodeJS.ErrnoException).code ?? "lookup failed"})`);
    }
  }
  if (!policy.allowPrivate) {
    const inside = addresses.find((a) => inList(NOT_PUBLIC, a.address));
    if (inside) {
      throw new SourcePolicyError(
        `${host} is ${inside.address === host ? "" : `${inside.address}, `}a loopback, link-local or private address: HTTP sources may reach only public addresses here (STUDIO_MCP_ALLOW_PRIVATE=1 allows the others)`,
      );
    }
  }
  const first = addresses[0];
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}

/** fetch that connects to the checked address whatever the host resolves to now (TLS still checks the host's name). */
export function pinnedFetch(target: CheckedTarget): FetchLike {
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(input);
      const client = url.protocol === "https:" ? https : http;
      const req = client.request(
        url,
        {
          method: init?.method ?? "GET",
          headers: Object.fromEntries(new Headers(init?.headers)),
          signal: init?.signal ?? undefined,
          lookup: (_host, options, done) =>
            options.all ? done(null, [{ address: target.address, family: target.family }]) : done(null, target.address, target.family),
        },
        (res) => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(res.headers)) for (const v of [value ?? []].flat()) headers.append(name, v);
          const status = res.statusCode ?? 502;
          const empty = [101, 204, 205, 304].includes(status) || init?.method === "HEAD";
          if (empty) res.resume();
          resolve(new Response(empty ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), { status, statusText: res.statusMessage, headers }));
        },
      );
      req.on("error", reject);
      const body = init?.body;
      if (body == null) req.end();
      else if (typeof body === "string" || body instanceof Uint8Array) req.end(body);
      else reject(new TypeError("only string and byte request bodies are sent to MCP servers"));
    });
}
