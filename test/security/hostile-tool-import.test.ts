import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { truncate } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importPath } from "../../lib/catalog/import";
import { assessRules } from "../../lib/catalog/quality-rules";
import { addToolFile, ToolFileRejected } from "../../lib/catalog/source-actions";
import { createSource } from "../../lib/catalog/sources";
import { specOfTool } from "../../lib/catalog/spec";
import { executeRun } from "../../lib/jobs/worker";
import { createTestDb, type TestDb } from "../db";
import * as hostile from "../fixtures/hostile/generate";
import { changedRows, snapshotRows, type Snapshot } from "./db-snapshot";
import { measurePeakRss } from "./memory";

// Hostile tool files through the two ways they come in: a file source
// harvested by a run (what the upload starts, and the CLI and Sources page
// use), and the upload's own preview (addToolFile). Each ends in a clear error
// or a stored, flagged tool; memory stays bounded; stored rows never change.

const MB = 1024 * 1024;
type RunError = { key: string; message: string };

const toolLine = (name: string, extra = "") =>
  `{"name":"${name}","description":"Looks up the record you ask for by its name."${extra},"inputSchema":{"type":"object","properties":{"q":{"type":"string","description":"the query"}}}}`;

describe("hostile tool files", () => {
  let t: TestDb;
  let dir: string;
  let before: Snapshot;
  let sources = 0;

  async function harvestFile(name: string, pieces: Iterable<string | Buffer>) {
    const file = await hostile.writePieces(path.join(dir, name), pieces);
    const source = await createSource(t.db, { kind: "file", name: `hostile-${sources++}`, config: { path: file } });
    const run = await t.db.run.create({ data: { kind: "harvest", config: { sourceIds: [source.id] } } });
    const { growthMb } = await measurePeakRss(() => executeRun(t.db, run.id));
    const after = await t.db.run.findUniqueOrThrow({ where: { id: run.id } });
    const tools = await t.db.tool.findMany({ where: { sourceId: source.id }, orderBy: { name: "asc" } });
    const lastError = (await t.db.toolSource.findUniqueOrThrow({ where: { id: source.id } })).lastError;
    return { run: after, errors: after.errors as RunError[], tools, lastError, growthMb };
  }

  beforeAll(async () => {
    t = await createTestDb();
    dir = mkdtempSync(path.join(os.tmpdir(), "studio-hostile-tools-"));
    const seeded = await harvestFile("existing.jsonl", [toolLine("lookup_record") + "\n", toolLine("search_records") + "\n"]);
    expect(seeded.tools).toHaveLength(2);
    before = await snapshotRows(t.db);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a 50 MB description is stored as a tool the quality filter flags as too long", async () => {
    const r = await harvestFile("huge.jsonl", [
      '{"name":"huge_description","description":"',
      ...(function* () {
        for (let i = 0; i < 50; i++) yield "A".repeat(MB);
      })(),
      '","inputSchema":{"type":"object"}}\n',
      toolLine("after_huge") + "\n",
    ]);
    expect(r.run.status).toBe("succeeded");
    expect(r.tools.map((x) => x.name)).toEqual(["after_huge", "huge_description"]);
    const huge = r.tools.find((x) => x.name === "huge_description")!;
    expect(huge.description).toHaveLength(50 * MB);
    expect(assessRules(specOfTool(huge)).reasons.map((x) => x.code)).toContain("description_long");
    expect(r.growthMb).toBeLessThan(800);
  });

  it("200 000 tools in one file are all read, in bounded memory", async () => {
    // the reader alone: storing 200 000 tools takes minutes, which is the catalogue's benchmark, not this test
    const file = await hostile.writePieces(path.join(dir, "many.jsonl"), hostile.manyLines(200_000, (i) => toolLine(`tool_${i}`)));
    const { result, growthMb } = await measurePeakRss(() => importPath(file));
    expect(result.tools).toHaveLength(200_000);
    expect(result.errors).toEqual([]);
    expect(growthMb).toBeLessThan(1000);
  });

  it("a tool file over 100 MB is refused by its size, before it is read", async () => {
    const file = path.join(dir, "too-big.jsonl");
    await hostile.writePieces(file, [toolLine("in_a_big_file") + "\n"]);
    await truncate(file, 2 * 1024 * MB); // sparse: 2 GB on paper, nothing on disk
    const source = await createSource(t.db, { kind: "file", name: `hostile-${sources++}`, config: { path: file } });
    const run = await t.db.run.create({ data: { kind: "harvest", config: { sourceIds: [source.id] } } });
    const { growthMb } = await measurePeakRss(() => executeRun(t.db, run.id));
    expect(await t.db.toolSource.findUniqueOrThrow({ where: { id: source.id } })).toMatchObject({ lastError: expect.stringMatching(/the file is 2048 MB: tool files over 100 MB are not read/) });
    expect(await t.db.tool.count({ where: { sourceId: source.id } })).toBe(0);
    expect(growthMb).toBeLessThan(50);
  });

  it("100 000 nested brackets are refused with a clear error, as a file, a line, or a schema", async () => {
    const file = await harvestFile("deep.json", [hostile.deepArrays(100_000)]);
    expect(file.run).toMatchObject({ status: "succeeded", done: 0, failed: 1 });
    expect(file.lastError).toMatch(/nested deeper than 64 levels/);

    const lines = await harvestFile("deep.jsonl", [hostile.deepArrays(100_000) + "\n", toolLine("beside_deep") + "\n"]);
    expect(lines.run).toMatchObject({ status: "succeeded", done: 1 });
    expect(lines.tools.map((x) => x.name)).toEqual(["beside_deep"]);
    expect(lines.errors.map((e) => e.message)).toEqual([expect.stringMatching(/line 1 is nested deeper than 64 levels/)]);

    const schema = '{"type":"object","properties":{"a":'.repeat(5_000) + '{"type":"string"}' + "}}".repeat(5_000);
    const inSchema = await harvestFile("deep-schema.json", [`{"name":"deep_schema","description":"A schema nested five thousand levels deep.","inputSchema":${schema}}`]);
    expect(inSchema.lastError).toMatch(/nested deeper than 64 levels/);
    expect(inSchema.tools).toEqual([]);

    await expect(addToolFile(t.db, { fileName: "deep.json", text: hostile.deepArrays(100_000) }, dir)).rejects.toThrow(
      new ToolFileRejected("No tool in deep.json can be imported: JSON is nested deeper than 64 levels"),
    );
  });

  it("JSON bombs end in a stored tool, a flagged one, or a rejection with the reason", async () => {
    const big = "B".repeat(MB);
    const r = await harvestFile("bombs.jsonl", [
      toolLine("duplicate_keys", `,"x":"${big}","x":"${big}","x":"${big}"`) + "\n",
      `{"name":"million_digits","description":"A maximum written with a million digits.","inputSchema":{"type":"object","properties":{"n":{"type":"number","maximum":${"9".repeat(MB)}}}}}\n`,
      '{"name":"huge_exponent","description":"A minimum far past any float.","inputSchema":{"type":"object","properties":{"n":{"type":"number","minimum":-1e999999}}}}\n',
      `{"name":"many_properties","description":"Twenty thousand properties in one schema.","inputSchema":{"type":"object","properties":{${Array.from({ length: 20_000 }, (_, i) => `"p${i}":{"type":"string"}`).join(",")}}}}\n`,
      '{"name":"object_members","description":"Parameters named after members of Object.","inputSchema":{"type":"object","properties":{"__proto__":{"type":"string","polluted":1},"constructor":{"type":"string"},"toString":{"type":"string"}}}}\n',
      '{"name":"self_reference","description":"A schema that refers to itself.","inputSchema":{"type":"object","properties":{"next":{"$ref":"#"}}}}\n',
    ]);
    expect(r.run.status).toBe("succeeded");
    const stored = new Map(r.tools.map((x) => [x.name, x]));
    const verdict = (name: string) => {
      const tool = stored.get(name);
      if (!tool) return r.errors.find((e) => e.key.endsWith(`/${name}`))?.message ?? "missing";
      const blocking = assessRules(specOfTool(tool)).reasons.filter((x) => x.blocking).map((x) => x.code);
      return blocking.length ? `flagged: ${blocking.join(", ")}` : "stored";
    };
    expect(Object.fromEntries(["duplicate_keys", "million_digits", "huge_exponent", "many_properties", "object_members", "self_reference"].map((n) => [n, verdict(n)]))).toEqual({
      duplicate_keys: "stored",
      // read as Infinity, which JSON stores as null: the stored schema is then invalid and blocked
      million_digits: "flagged: schema_invalid",
      huge_exponent: "flagged: schema_invalid",
      many_properties: "flagged: schema_too_large",
      object_members: expect.stringMatching(/^rejected: input schema is not valid JSON Schema/),
      self_reference: "stored",
    });
    expect(stored.get("duplicate_keys")!.inputSchema).not.toHaveProperty("x");
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("bytes that are not UTF-8 never crash the import", async () => {
    const r = await harvestFile("invalid-utf8.jsonl", [...hostile.invalidUtf8Lines(), toolLine("after_bad_bytes") + "\n"]);
    expect(r.run.status).toBe("succeeded");
    expect(r.tools.map((x) => x.name)).toContain("after_bad_bytes");
  });

  // Known gap, kept visible: readFile(…, "utf8") and File.text() turn bad bytes into U+FFFD silently.
  it.fails("KNOWN GAP: a tool file that is not UTF-8 is refused with a clear error", async () => {
    const bad = Buffer.concat([Buffer.from('{"name":"bad_bytes","description":"Looks up the caf'), Buffer.from([0xff, 0xe9]), Buffer.from(' menu by its name.","inputSchema":{"type":"object"}}\n')]);
    const r = await harvestFile("bad-bytes.jsonl", [bad]);
    expect(r.tools).toEqual([]);
    expect(r.errors.map((e) => e.message).join(" ")).toMatch(/UTF-8/);
  });

  it("instructions hidden in tool descriptions are stored as data, verbatim, and nothing runs", async () => {
    const file = JSON.stringify(hostile.INJECTIONS.map((description, i) => ({ name: `injected_${i}`, description, inputSchema: { type: "object", properties: {} } })));
    const r = await harvestFile("injection.json", [file]);
    expect(r.run.status).toBe("succeeded");
    expect(r.tools.map((x) => x.description)).toEqual([...hostile.INJECTIONS]);
    expect(existsSync("/tmp/studio-pwned")).toBe(false);
    const preview = await addToolFile(t.db, { fileName: "injection.json", text: file }, dir);
    expect(preview.preview).toEqual({ tools: 4, rejected: 0, unreadable: 0 });
  });

  // Known gap, kept visible: the rule checks look for placeholders and secrets, not for instructions aimed at a model.
  it.fails("KNOWN GAP: the quality filter flags instructions hidden in a tool description", async () => {
    const flagged = hostile.INJECTIONS.map((description) => assessRules({ name: "weather_lookup", description, inputSchema: { type: "object", properties: {} } }));
    expect(flagged.every((a) => a.reasons.length > 0 && !a.accepted)).toBe(true);
  });

  it("no row stored before the hostile imports changed or went missing", async () => {
    expect(changedRows(before, await snapshotRows(t.db))).toEqual({});
  });
});
