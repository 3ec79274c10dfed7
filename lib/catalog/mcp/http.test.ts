import http from "node:http";
import type { AddressInfo } from "node:net";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createTestDb } from "../../../test/db";
import type { Db } from "../../db/client";
import { harvestSource } from "../harvest";
import { createSource } from "../sources";
import { pinnedFetch } from "./http-target";
import { listServerTools } from "./list-tools";

// Real MCP servers from the SDK's own server classes, over HTTP in this process.
// They listen on 127.0.0.1, which the studio refuses unless told otherwise.
vi.hoisted(() => {
  process.env.STUDIO_MCP_ALLOW_PRIVATE = "1";
});

const TOKEN = "Bearer test-token";

function makeServer(): McpServer {
  const server = new McpServer({ name: "http-fixture", version: "0.9.0" });
  server.registerTool(
    "convert_units",
    {
      title: "Convert units",
      description: "Convert a quantity between metric and imperial units.",
      inputSchema: {
        value: z.number().describe("The quantity"),
        from: z.string().describe("Unit to convert from"),
        to: z.string().describe("Unit to convert to"),
      },
    },
    async () => ({ content: [{ type: "text", text: "ok" }] }),
  );
  server.registerTool(
    "lookup.country",
    {
      description: "Look up a country's capital and population.",
      inputSchema: { code: z.string().length(2).describe("ISO 3166 alpha-2 code") },
      annotations: { readOnlyHint: true },
    },
    async () => ({ content: [{ type: "text", text: "ok" }] }),
  );
  return server;
}

const sse = new Map<string, SSEServerTransport>();

const httpServer = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (url.pathname === "/private/mcp" && req.headers.authorization !== TOKEN) {
    res.writeHead(401).end("unauthorized");
    return;
  }
  if ((url.pathname === "/mcp" || url.pathname === "/private/mcp") && req.method === "POST") {
    // stateless: a fresh server and transport per request
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    const server = makeServer();
    res.on("close", () => void transport.close().then(() => server.close()));
    await server.connect(transport);
    await transport.handleRequest(req, res);
    return;
  }
  if (url.pathname === "/legacy/sse" && req.method === "GET") {
    const transport = new SSEServerTransport("/legacy/messages", res);
    sse.set(transport.sessionId, transport);
    res.on("close", () => sse.delete(transport.sessionId));
    await makeServer().connect(transport);
    return;
  }
  if (url.pathname === "/legacy/messages" && req.method === "POST") {
    const transport = sse.get(url.searchParams.get("sessionId") ?? "");
    if (transport) return void (await transport.handlePostMessage(req, res));
  }
  if (url.pathname === "/internal")
    return void res.writeHead(500, { "content-type": "text/html" }).end("<h1>admin console</h1> db password INTERNAL-TOPSECRET");
  res.writeHead(url.pathname === "/legacy/sse" ? 405 : 404).end();
});

let base: string;
let db: Db;

beforeAll(async () => {
  ({ db } = await createTestDb());
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  httpServer.closeAllConnections();
  await new Promise((resolve) => httpServer.close(resolve));
});

describe("harvesting MCP servers over HTTP", () => {
  it("harvests a Streamable HTTP server with the server's name, version and tools", async () => {
    const source = await createSource(db, { kind: "http", name: "http-fixture", config: { url: `${base}/mcp` } });
    const summary = await harvestSource(db, source.id);
    expect(summary).toMatchObject({ listed: 2, created: 2, rejected: [] });
    const tool = await db.tool.findUniqueOrThrow({ where: { key: "http-fixture/convert_units" } });
    expect(tool.title).toBe("Convert units");
    expect(tool.inputSchema).toMatchObject({
      type: "object",
      required: ["value", "from", "to"],
      properties: { value: { type: "number", description: "The quantity" } },
    });
    expect(await db.tool.findUnique({ where: { key: "http-fixture/lookup_country" } })).toMatchObject({ annotations: { readOnlyHint: true } });
    expect(await db.toolSource.findUniqueOrThrow({ where: { id: source.id } })).toMatchObject({
      serverName: "http-fixture",
      serverVersion: "0.9.0",
      lastError: null,
    });
  });

  it("sends the configured headers", async () => {
    const listing = await listServerTools({
      kind: "http",
      config: { url: `${base}/private/mcp`, headers: { Authorization: TOKEN }, transport: "streamable-http", timeoutMs: 5_000 },
    });
    expect(listing.tools).toHaveLength(2);
    await expect(
      listServerTools({ kind: "http", config: { url: `${base}/private/mcp`, headers: {}, transport: "streamable-http", timeoutMs: 5_000 } }),
    ).rejects.toThrow(/could not connect.*401|Unauthorized/i);
  });

  it("falls back to SSE for a server that only speaks the older protocol", async () => {
    const listing = await listServerTools({ kind: "http", config: { url: `${base}/legacy/sse`, headers: {}, transport: "auto", timeoutMs: 5_000 } });
    expect(listing).toMatchObject({ serverName: "http-fixture", pages: 1 });
    expect(listing.tools).toHaveLength(2);
  });

  it("an address where nothing listens is a clear error", async () => {
    const source = await createSource(db, { kind: "http", name: "nowhere", config: { url: `${base}/nothing-here`, timeoutMs: 2_000 } });
    await expect(harvestSource(db, source.id)).rejects.toThrow(/could not connect/);
    expect((await db.toolSource.findUniqueOrThrow({ where: { id: source.id } })).lastError).toMatch(/404|Not Found/i);
  });

  it("a failure says what went wrong (the status, the network error) without echoing what the server answered", async () => {
    const source = await createSource(db, { kind: "http", name: "internal-page", config: { url: `${base}/internal`, timeoutMs: 2_000 } });
    await expect(harvestSource(db, source.id)).rejects.toThrow(/HTTP 500/);
    const { lastError } = await db.toolSource.findUniqueOrThrow({ where: { id: source.id } });
    expect(lastError).not.toMatch(/TOPSECRET|admin console/);
    const closed = await createSource(db, { kind: "http", name: "closed-port", config: { url: "http://127.0.0.1:9/mcp", timeoutMs: 2_000 } });
    await expect(harvestSource(db, closed.id)).rejects.toThrow(/ECONNREFUSED/);
  });

  it("connects to the address that was checked, whatever the name would resolve to now", async () => {
    const port = (httpServer.address() as AddressInfo).port;
    const fetch = pinnedFetch({ address: "127.0.0.1", family: 4 });
    const res = await fetch(`http://rebinding.example.invalid:${port}/internal`);
    expect(res.status).toBe(500);
    expect(await res.text()).toContain("admin console");
  });
});
