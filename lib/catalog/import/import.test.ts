import path from "node:path";
import { describe, expect, it } from "vitest";
import { schemaProblem } from "../schema-check";
import { FUNCTION_NAME } from "../spec";
import { importPath, importText, type ImportResult } from ".";

const FIXTURES = path.resolve(import.meta.dirname, "../../../test/fixtures/tools");
const load = (name: string) => importPath(path.join(FIXTURES, name));
const tool = (r: ImportResult, name: string) => {
  const found = r.tools.find((t) => t.spec.name === name);
  if (!found) throw new Error(`no tool ${name} in ${r.tools.map((t) => t.spec.name).join(", ")}`);
  return found;
};
const changes = (r: ImportResult, name: string) =>
  tool(r, name)
    .normalizations.map((n) => n.message)
    .join("\n");

function expectUsable(r: ImportResult) {
  for (const t of r.tools) {
    expect(t.spec.name).toMatch(FUNCTION_NAME);
    expect(t.spec.inputSchema.type).toBe("object");
    expect(schemaProblem(t.spec.inputSchema)).toBeNull();
  }
}

describe("importing tool files", () => {
  it("reads an MCP tools/list response and keeps title, output schema and annotations", async () => {
    const r = await load("mcp-tools-list.json");
    expectUsable(r);
    const read = tool(r, "files_read");
    expect(read.spec.title).toBe("Read file");
    expect(read.spec.outputSchema).toMatchObject({ required: ["content"] });
    expect(read.spec.annotations).toEqual({ readOnlyHint: true, openWorldHint: false });
    expect(changes(r, "files_read")).toContain('"files.read" renamed "files_read"');
    expect(tool(r, "search_issues").normalizations).toEqual([]);
    expect(changes(r, "legacy_ping")).toMatch(/unsupported dialect .*draft-04/);
    expect(r.rejected).toEqual([expect.objectContaining({ name: "broken_pattern", reason: expect.stringMatching(/regular expression/) })]);
  });

  it("maps non-standard types in OpenAI tool definitions and records each change", async () => {
    const r = await load("openai-tools.json");
    expectUsable(r);
    const props = tool(r, "get_weather").spec.inputSchema.properties as Record<string, Record<string, unknown>>;
    expect(props.city.type).toBe("string");
    expect(props.days.type).toBe("integer");
    expect(props.threshold.type).toBe("number");
    expect(props.filters.type).toBe("object");
    expect(props.stations).toMatchObject({ type: "array", items: { type: "string" } });
    expect(props.raw.type).toBeUndefined();
    expect(tool(r, "get_weather").spec.inputSchema.required).toEqual(["city", "days"]);
    expect(changes(r, "get_weather")).toContain('type "dict" read as "object"');
    expect(changes(r, "get_weather")).toContain('type "any" dropped');
  });

  it("turns a parameter list into an object schema and drops the unnamed parameter", async () => {
    const r = await load("openai-tools.json");
    const schema = tool(r, "create_ticket").spec.inputSchema;
    expect(Object.keys(schema.properties as object)).toEqual(["subject", "body", "priority"]);
    expect(schema.required).toEqual(["subject"]);
    expect(changes(r, "create_ticket")).toMatch(/parameter has no name: dropped/);
  });

  it("rejects what it cannot normalize, one reason per tool, and keeps the rest of the file", async () => {
    const r = await load("openai-tools.json");
    expect(r.tools.map((t) => t.spec.name)).toEqual(["get_weather", "create_ticket", "List_str_-tool_with_spaces"]);
    expect(r.rejected.map((x) => [x.location.index, x.reason])).toEqual([
      [2, expect.stringMatching(/no tool name/)],
      [4, expect.stringMatching(/parameters are text that is not JSON/)],
    ]);
  });

  it("reads bare functions: a map of parameters, an empty description, an illegal or overlong name, no parameters", async () => {
    const r = await load("bare-functions.json");
    expectUsable(r);
    expect(tool(r, "convert_currency").spec.inputSchema.properties).toHaveProperty("amount.type", "number");
    expect(tool(r, "book_meeting_room").spec.description).toBe("Book a meeting room");
    expect(changes(r, "book_meeting_room")).toContain("the title used instead");
    const long = r.tools.find((t) => t.spec.name.startsWith("translate_this"))!;
    expect(long.spec.name.length).toBeLessThanOrEqual(64);
    expect(long.spec.inputSchema.required).toEqual(["text"]);
    expect(tool(r, "no_parameters").spec.inputSchema).toEqual({ type: "object", properties: {} });
    expect(r.rejected).toEqual([expect.objectContaining({ name: "检索", reason: expect.stringMatching(/no letters or digits/) })]);
  });

  it("renames a tool whose name another server already uses and drops an exact duplicate", async () => {
    const r = await load("servers.json");
    expect(r.tools.map((t) => [t.server, t.spec.name])).toEqual([
      ["github", "search"],
      ["github", "get_file"],
      ["slack", "slack_search"],
    ]);
    expect(changes(r, "slack_search")).toContain("from server github");
    expect(r.rejected).toEqual([expect.objectContaining({ name: "get_file", reason: "exact duplicate of servers.json entry #2" })]);
  });

  it("reads JSON Lines of mixed shapes and names the line that does not parse", async () => {
    const r = await load("mixed.jsonl");
    expect(r.tools.map((t) => t.spec.name)).toEqual(["add_numbers", "lookup_order", "list_rooms", "echo_back"]);
    expect(tool(r, "list_rooms").location.line).toBe(5);
    expect(r.errors).toEqual([{ file: "mixed.jsonl", line: 3, message: expect.stringMatching(/^line 3 is not JSON/) }]);
    expect(r.rejected).toEqual([expect.objectContaining({ location: expect.objectContaining({ line: 6 }), reason: "not a tool definition: 42" })]);
  });

  it("reports an unreadable JSON file with its line and imports nothing from it", async () => {
    const r = await load("broken.json");
    expect(r.tools).toEqual([]);
    expect(r.errors).toEqual([{ file: "broken.json", line: 4, message: expect.stringMatching(/^not JSON at line 4/) }]);
  });

  it("imports every tool file under a folder, ignoring other files, with names unique across files", async () => {
    const r = await load("folder");
    expect(r.files).toEqual(["nested/servers.json", "orders.jsonl", "ping.json"]);
    expect(r.tools.map((t) => t.spec.name)).toEqual(["search", "get_file", "slack_search", "add_numbers", "lookup_order", "ping"]);
    expect(r.errors).toEqual([]);
  });

  it("treats JSON Lines in a file named .json as JSON Lines", () => {
    const r = importText('{"name":"a","description":"first"}\n{"name":"b","description":"second"}\n', "tools.json");
    expect(r.tools.map((t) => t.spec.name)).toEqual(["a", "b"]);
  });

  it("reads an OpenAI request body and a tools/list result without the JSON-RPC envelope", () => {
    const body = { model: "x", tools: [{ type: "function", function: { name: "f", parameters: { type: "object", properties: {} } } }] };
    const listed = { tools: [{ name: "g", inputSchema: { type: "object" } }], nextCursor: "abc" };
    expect(importText(JSON.stringify(body), "body.json").tools.map((t) => t.spec.name)).toEqual(["f"]);
    expect(importText(JSON.stringify(listed), "list.json").tools.map((t) => t.spec.name)).toEqual(["g"]);
  });
});

describe("tool-spec shapes of public collections", () => {
  const shape = (name: string) => load(path.join("shapes", name));

  it("reads a map of servers to their tools (a list or a map of name → definition) and reports a key that is no server", async () => {
    const r = await shape("server-map.json");
    expectUsable(r);
    expect(r.tools.map((t) => [t.server, t.spec.name])).toEqual([
      ["Filesystem", "read_text_file"],
      ["Filesystem", "list_directory"],
      ["weather", "get_forecast"],
      ["weather", "get_alerts"],
    ]);
    expect(tool(r, "get_alerts").spec.inputSchema.required).toEqual(["state"]);
    expect(r.rejected).toEqual([
      { location: { file: "server-map.json", index: 4 }, reason: expect.stringMatching(/"memory" is not a server with a tools list/) },
    ]);
  });

  it("reads BFCL entries: every function of the list, dotted names, dict/float/tuple/any types, and a response schema", async () => {
    const r = await shape("bfcl.jsonl");
    expectUsable(r);
    expect(r.tools.map((t) => t.spec.name)).toEqual(["geometry_triangle_area", "route_plan", "fare_estimate"]);
    const route = tool(r, "route_plan").spec.inputSchema.properties as Record<string, Record<string, unknown>>;
    expect(route.waypoints).toMatchObject({ type: "array", items: { type: "array", items: { type: "number" } } });
    expect(route.options).toMatchObject({ type: "object", properties: { avoid_tolls: { type: "boolean" } } });
    expect(route.metadata).toEqual({ description: "Anything the caller wants echoed." });
    expect(changes(r, "route_plan")).toContain('type "tuple" read as "array"');
    expect(tool(r, "fare_estimate").spec.outputSchema).toEqual({ type: "object", properties: { fare: { type: "number" }, currency: { type: "string" } } });
    expect(r.rejected).toEqual([{ location: { file: "bfcl.jsonl", index: 3, line: 3 }, reason: expect.stringMatching(/no tool name/) }]);
  });

  it("reads a ToolBench tool file: one tool per API, named as ToolBench names it, required and optional parameters kept apart", async () => {
    const r = await shape("toolbench-tool.json");
    expectUsable(r);
    expect(r.tools.map((t) => t.spec.name)).toEqual(["search_by_title_for_movie_database", "is_id_for_movie_database"]);
    const search = tool(r, "search_by_title_for_movie_database").spec;
    expect(search.description).toBe("Find movies whose title contains the words.");
    expect(search.inputSchema.required).toEqual(["title"]);
    expect(search.inputSchema.properties).toMatchObject({
      title: { type: "string", default: "matrix" },
      year: { type: "number" },
      released_after: { type: "string", format: "date" },
      kind: { type: "string" },
    });
    expect(search.extra).toMatchObject({ url: "https://movie-database.example.rapidapi.com/search", method: "GET", tool_name: "Movie Database" });
    expect(r.rejected).toEqual([{ location: { file: "toolbench-tool.json", index: 2 }, reason: expect.stringMatching(/no tool name/) }]);
  });

  it("reads the api_list of a ToolBench query and keeps its template response as the output schema", async () => {
    const r = await shape("toolbench-query.json");
    expectUsable(r);
    expect(r.tools.map((t) => t.spec.name)).toEqual(["convert_for_currency_exchange", "get_2_letter_codes_for_currency_exchange"]);
    const convert = tool(r, "convert_for_currency_exchange").spec;
    expect(convert.inputSchema.required).toEqual(["from", "to"]);
    expect(convert.outputSchema).toEqual({ type: "object", properties: { result: { type: "number" }, rate: { type: "number" }, date: { type: "string" } } });
    expect(convert.extra).toMatchObject({ category_name: "Finance", method: "GET" });
    expect(r.rejected).toEqual([]);
  });

  it("keeps output schemas, MCP execution and other unknown keys; converts draft-04 bounds; takes annotations: null as none", async () => {
    const r = await shape("mcp-extended.json");
    expectUsable(r);
    const report = tool(r, "render_report");
    expect(report.spec.inputSchema.properties).toEqual({ pages: { type: "integer", exclusiveMinimum: 0, maximum: 500 } });
    expect(report.normalizations.map((n) => n.message)).toEqual([
      "draft-04 bound {exclusiveMinimum: true, minimum: 0} read as {exclusiveMinimum: 0}",
      "draft-04 bound {exclusiveMaximum: false, maximum: 500} read as {maximum: 500}",
    ]);
    expect(report.spec.outputSchema).toEqual({ type: "object", properties: { url: { type: "string" } }, required: ["url"] });
    expect(report.spec.annotations).toBeUndefined();
    expect(report.spec.extra).toEqual({
      execution: { taskSupport: "optional" },
      _meta: { "vendor/version": "2" },
      icons: [{ src: "https://example.com/report.png", mimeType: "image/png" }],
    });
    expect(tool(r, "word_count").spec.outputSchema).toEqual({ type: "integer", description: "How many words" });
    expect(tool(r, "summarize").spec.outputSchema).toEqual({ description: "The summary, at most three sentences." });
    const bad = tool(r, "bad_output");
    expect(bad.spec.outputSchema).toBeUndefined();
    expect(bad.spec.extra).toEqual({ outputSchema: { type: "object", minimum: "zero" }, annotations: "read-only" });
    expect(changes(r, "bad_output")).toMatch(/output schema not used, not valid JSON Schema \(kept as written in extra.outputSchema\)/);
  });

  it("reports a document that holds no tool definitions instead of importing nothing silently", () => {
    const r = importText("[]", "empty.json");
    expect(r.tools).toEqual([]);
    expect(r.errors).toEqual([{ file: "empty.json", message: "the file holds no tool definitions" }]);
  });
});
