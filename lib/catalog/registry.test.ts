import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../test/db";
import type { Db } from "../db/client";
import { registryCommand } from "./cli";
import { listRegistryServers, RegistryError, registryServerSchema, serverEntry } from "./registry";

// A local registry speaking GET /v0/servers: two pages, entries as `{server, _meta}`.
const SERVERS = [
  {
    name: "io.github.example/filesystem",
    description: "Files on disk",
    version: "1.2.0",
    packages: [{ registryType: "npm", identifier: "@example/fs-server", version: "1.2.0", transport: { type: "stdio" } }],
  },
  {
    name: "io.github.example/weather",
    description: "Forecasts",
    version: "0.3.1",
    packages: [{ registryType: "pypi", identifier: "weather-mcp", version: "0.3.1", transport: { type: "stdio" } }],
  },
  { name: "com.example/remote", description: "A hosted server", version: "2.0.0", remotes: [{ type: "streamable-http", url: "https://mcp.example.com/mcp" }] },
  {
    name: "io.github.example/intranet",
    description: "A server on a private address",
    version: "1.0.0",
    remotes: [{ type: "sse", url: "http://10.1.2.3/sse" }],
  },
];
let server: Server;
let base: string;
let db: Db;

beforeAll(async () => {
  ({ db } = await createTestDb());
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname !== "/v0/servers") return void res.writeHead(404).end();
    const search = url.searchParams.get("search");
    const matching = SERVERS.filter((s) => !search || s.name.includes(search));
    const start = Number(url.searchParams.get("cursor") ?? 0);
    const limit = Number(url.searchParams.get("limit") ?? 50);
    const page = matching.slice(start, start + limit);
    const next = start + limit < matching.length ? String(start + limit) : undefined;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        servers: page.map((s) => ({ server: s, _meta: { "io.modelcontextprotocol.registry/official": { status: "active" } } })),
        metadata: { count: page.length, ...(next ? { nextCursor: next } : {}) },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the MCP registry's server list", () => {
  it("pages through /v0/servers with its cursor", async () => {
    const first = await listRegistryServers({ baseUrl: base, limit: 3 });
    expect(first.servers.map((s) => s.name)).toEqual(SERVERS.slice(0, 3).map((s) => s.name));
    expect(first.nextCursor).toBe("3");
    const second = await listRegistryServers({ baseUrl: base, limit: 3, cursor: first.nextCursor! });
    expect(second).toMatchObject({ servers: [{ name: "io.github.example/intranet" }], nextCursor: null });
  });

  it("turns packages and remotes into the command or address a source runs", () => {
    const entry = (i: number) => serverEntry(registryServerSchema.parse(SERVERS[i]));
    expect(entry(0)).toEqual({ command: "npx", args: ["-y", "@example/fs-server@1.2.0"] });
    expect(entry(1)).toEqual({ command: "uvx", args: ["weather-mcp==0.3.1"] });
    expect(entry(2)).toEqual({ type: "http", url: "https://mcp.example.com/mcp" });
  });

  it("says clearly when the registry cannot be reached", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(listRegistryServers({ baseUrl: `http://127.0.0.1:${port}` })).rejects.toThrow(RegistryError);
    await expect(listRegistryServers({ baseUrl: `http://127.0.0.1:${port}` })).rejects.toThrow(/cannot be reached \(ECONNREFUSED\): is this machine offline/);
  });

  it("lists servers from the CLI and adds a named one as a source, through the source checks", async () => {
    const lines: string[] = [];
    await registryCommand(["--limit", "2"], { db, baseUrl: base, print: (l) => lines.push(l) });
    expect(lines.join("\n")).toContain("io.github.example/filesystem 1.2.0: Files on disk\n    npx -y @example/fs-server@1.2.0");
    expect(lines.at(-1)).toBe("more: --cursor 2");
    const codes: number[] = [];
    const outcomes = await registryCommand(["--add", "io.github.example/intranet"], { db, baseUrl: base, print: () => {}, setExitCode: (c) => codes.push(c) });
    // added through createSource, so the address checks of every HTTP source refuse a private address
    expect(outcomes).toEqual([
      { server: "io.github.example/intranet", source: "io.github.example-intranet", status: "refused", reason: expect.stringMatching(/10\.1\.2\.3|private/) },
    ]);
    expect(codes).toEqual([1]);
    expect(await db.toolSource.count({ where: { name: "io.github.example-intranet" } })).toBe(0);
  });
});
