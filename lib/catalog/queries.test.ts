import { buffer } from "node:stream/consumers";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../test/db";
import { readArtifact } from "../artifacts/store";
import type { Db } from "../db/client";
import { catalogCounts, listCategories, listTools, mapPoints, parseToolFilters } from "./queries";
import { addToolFile, testSource, ToolFileRejected } from "./source-actions";
import { createSource, SourceNameTaken } from "./sources";

const SERVERS = path.resolve(import.meta.dirname, "../../test/fixtures/tools/servers");
// under bubblewrap a server sees only its declared folders: the fixtures and the SDK they import
const FIXTURE_FOLDERS = [{ path: SERVERS }, { path: path.resolve("node_modules") }];
let db: Db;
let domainId: string;
let categoryId: string;

beforeAll(async () => {
  ({ db } = await createTestDb());
  const source = await db.toolSource.create({ data: { name: "src", kind: "file", config: { path: "x" } } });
  const domain = await db.category.create({ data: { name: "Travel" } });
  const category = await db.category.create({ data: { name: "Flights", parentId: domain.id } });
  domainId = domain.id;
  categoryId = category.id;
  const base = { origin: "real" as const, sourceId: source.id, specHash: "h", inputSchema: { type: "object" } };
  const a = await db.tool.create({
    data: {
      ...base,
      key: "src/search_flights",
      name: "search_flights",
      description: "Find flights",
      quality: "accepted",
      qualityScore: 0.9,
      categoryId,
      mapX: 1,
      mapY: 2,
    },
  });
  await db.tool.create({
    data: {
      ...base,
      key: "src/find_flights",
      name: "find_flights",
      description: "Find flights too",
      quality: "accepted",
      qualityScore: 0.7,
      categoryId,
      duplicateOfId: a.id,
      mapX: 1.1,
      mapY: 2,
    },
  });
  await db.tool.create({ data: { ...base, key: "src/todo", name: "todo", description: "TODO", quality: "rejected", qualityScore: 0.1 } });
  await db.tool.create({
    data: {
      ...base,
      origin: "synthetic",
      sourceId: null,
      key: "synthetic/x/book_hotel",
      name: "book_hotel",
      description: "Book a hotel room",
      categoryId: domainId,
      mapX: -1,
      mapY: 0,
    },
  });
});

describe("catalogue queries", () => {
  it("filters tools by text, quality, origin, score and duplicates", async () => {
    const names = async (params: Record<string, string>) => (await listTools(db, parseToolFilters(params))).rows.map((r) => r.name);
    expect(await names({ q: "FLIGHTS" })).toEqual(["find_flights", "search_flights"]);
    expect(await names({ quality: "rejected" })).toEqual(["todo"]);
    expect(await names({ origin: "synthetic" })).toEqual(["book_hotel"]);
    expect(await names({ minScore: "0.5", maxScore: "0.8" })).toEqual(["find_flights"]);
    expect(await names({ duplicates: "hide", q: "flights" })).toEqual(["search_flights"]);
    expect(await names({ duplicates: "only" })).toEqual(["find_flights"]);
  });

  it("a domain's filter includes the tools of its categories", async () => {
    expect((await listTools(db, { categoryId: domainId })).total).toBe(3);
    expect((await listTools(db, { categoryId })).total).toBe(2);
  });

  it("drops filter values it cannot read instead of failing the page", () => {
    expect(parseToolFilters({ quality: "great", page: "-2", q: ["a", "b"], minScore: "x", origin: "" })).toEqual({ q: "a" });
  });

  it("pages through the list", async () => {
    const first = await listTools(db, { page: 1 }, 3);
    const second = await listTools(db, { page: 2 }, 3);
    expect(first).toMatchObject({ total: 4, pages: 2 });
    expect([...first.rows, ...second.rows].map((r) => r.key)).toEqual(["src/find_flights", "src/search_flights", "src/todo", "synthetic/x/book_hotel"]);
  });

  it("counts categories with their children, and maps placed tools", async () => {
    const categories = await listCategories(db);
    expect(categories.find((c) => c.id === domainId)?.tools).toBe(3);
    expect(categories.find((c) => c.id === categoryId)?.tools).toBe(2);
    expect((await mapPoints(db, {})).map((p) => p.name).sort()).toEqual(["book_hotel", "find_flights", "search_flights"]);
    expect((await mapPoints(db, { origin: "synthetic" })).map((p) => p.name)).toEqual(["book_hotel"]);
    expect(await catalogCounts(db)).toMatchObject({ tools: 4, accepted: 2, rejected: 1, pending: 1, duplicates: 1, categories: 2 });
  });
});

describe("source actions", () => {
  it("keeps an uploaded file as a file source, and refuses a file with no tool", async () => {
    const text = JSON.stringify([{ name: "a", description: "does a" }, { nope: 1 }]);
    const { source, preview } = await addToolFile(db, { fileName: "my tools.json", text });
    expect(source).toMatchObject({ name: "file-my_tools", kind: "file", config: { artifactId: expect.any(String), fileName: "my_tools.json" } });
    // kept in the artifact store byte for byte, where a worker on any machine reads it
    const { artifactId } = source.config as { artifactId: string };
    expect(await buffer(await readArtifact(db, artifactId))).toEqual(Buffer.from(text));
    expect(preview).toEqual({ tools: 1, rejected: 1, unreadable: 0 });
    await expect(addToolFile(db, { fileName: "junk.json", text: "{ not json" })).rejects.toThrow(ToolFileRejected);
    await expect(addToolFile(db, { fileName: "my tools.json", text: '[{"name":"b","description":"does b"}]' })).rejects.toThrow(SourceNameTaken);
  });

  it("tests a connection without storing tools, and says why one fails", async () => {
    const good = await createSource(db, {
      kind: "stdio",
      name: "paged",
      config: { command: process.execPath, args: [path.join(SERVERS, "paged.mjs")], folders: FIXTURE_FOLDERS },
    });
    expect(await testSource(db, good.id)).toEqual({ ok: true, tools: 5, serverName: "paged-fixture", serverVersion: "3.1.4" });
    expect(await db.tool.count({ where: { sourceId: good.id } })).toBe(0);
    const bad = await createSource(db, {
      kind: "stdio",
      name: "crash",
      config: { command: process.execPath, args: [path.join(SERVERS, "crash.mjs")], folders: FIXTURE_FOLDERS },
    });
    expect(await testSource(db, bad.id)).toEqual({ ok: false, error: expect.stringContaining("GITHUB_TOKEN") });
  });
});
