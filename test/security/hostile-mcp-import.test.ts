import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assessRules } from "../../lib/catalog/quality-rules";
import { createSource } from "../../lib/catalog/sources";
import { specOfTool } from "../../lib/catalog/spec";
import { executeRun } from "../../lib/jobs/worker";
import { stages } from "../../lib/pipeline";
import { createTestDb, type TestDb } from "../db";
import * as hostile from "../fixtures/hostile/generate";
import { changedRows, snapshotRows, type Snapshot } from "./db-snapshot";
import { measurePeakRss } from "./memory";

// Hostile MCP servers, harvested by the same run the Sources page starts:
// what a server answers to tools/list is as untrusted as an uploaded file.
// Each ends in a clear error on the source or stored tools with the bad ones
// flagged; the worker stays up; rows stored before never change.

const SERVER = path.resolve(import.meta.dirname, "../fixtures/hostile/mcp-server.mjs");
type RunError = { key: string; message: string };

describe("hostile MCP servers", () => {
  let t: TestDb;
  let dir: string;
  let before: Snapshot;
  let sources = 0;

  async function harvest(mode: string, timeoutMs = 20_000) {
    const source = await createSource(t.db, {
      kind: "stdio",
      name: `hostile-${mode}-${sources++}`,
      config: { command: process.execPath, args: [SERVER, mode], timeoutMs, folders: [{ path: path.dirname(SERVER) }] },
    });
    const run = await t.db.run.create({ data: { kind: "harvest", config: { sourceIds: [source.id] } } });
    const { growthMb } = await measurePeakRss(() => executeRun(t.db, run.id, { stages }));
    const after = await t.db.run.findUniqueOrThrow({ where: { id: run.id } });
    const tools = await t.db.tool.findMany({ where: { sourceId: source.id }, orderBy: { name: "asc" } });
    const { lastError } = await t.db.toolSource.findUniqueOrThrow({ where: { id: source.id } });
    const blocking = (name: string) => {
      const tool = tools.find((x) => x.name === name);
      return tool
        ? assessRules(specOfTool(tool))
            .reasons.filter((r) => r.blocking)
            .map((r) => r.code)
        : null;
    };
    return { run: after, errors: after.errors as RunError[], tools, names: tools.map((x) => x.name), lastError, growthMb, blocking };
  }

  beforeAll(async () => {
    t = await createTestDb();
    dir = mkdtempSync(path.join(os.tmpdir(), "studio-hostile-mcp-"));
    const file = await hostile.writePieces(path.join(dir, "existing.json"), [
      JSON.stringify([{ name: "lookup_record", description: "Looks up the record you ask for by its name.", inputSchema: { type: "object" } }]),
    ]);
    const source = await createSource(t.db, { kind: "file", name: "existing", config: { path: file } });
    const run = await t.db.run.create({ data: { kind: "harvest", config: { sourceIds: [source.id] } } });
    await executeRun(t.db, run.id, { stages });
    expect(await t.db.tool.count()).toBe(1);
    before = await snapshotRows(t.db);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a schema nested 100 000 levels deep is rejected with the reason, and the tool beside it is stored", async () => {
    const r = await harvest("deep");
    expect(r.run.status).toBe("succeeded");
    expect(r.names).toEqual(["beside_deep"]);
    expect(r.errors).toEqual([
      expect.objectContaining({ key: "hostile-deep-0/deep_schema", message: "rejected: the definition is nested deeper than 64 levels" }),
    ]);
  });

  it("a 20 MB answer is refused by the MCP client's 10 MB limit, a clear error on the source, in bounded memory", async () => {
    const r = await harvest("huge");
    expect(r.run).toMatchObject({ status: "failed", done: 0, failed: 1 });
    expect(r.names).toEqual([]);
    expect(r.lastError).toMatch(/listing tools \(page 1\) failed: .*ReadBuffer exceeded maximum size of 10485760 bytes/);
    expect(r.growthMb).toBeLessThan(500);
  });

  it("JSON bombs end in stored, flagged or rejected tools, each with its reason", async () => {
    const r = await harvest("bombs");
    expect(r.run.status).toBe("succeeded");
    expect(r.tools.filter((x) => x.name.startsWith("flood_"))).toHaveLength(2_000);
    expect(r.blocking("duplicate_keys")).toEqual([]);
    expect(r.tools.find((x) => x.name === "duplicate_keys")!.inputSchema).not.toHaveProperty("x");
    expect(r.blocking("million_digits")).toEqual(["schema_invalid"]);
    expect(r.blocking("many_properties")).toEqual(["schema_too_large"]);
    expect(r.growthMb).toBeLessThan(1500);
  });

  it("bytes that are not UTF-8 reach the catalogue only as a flagged tool, never silently", async () => {
    const r = await harvest("bad-utf8");
    expect(r.run.status).toBe("succeeded");
    expect(r.names).toEqual(["bad_bytes", "beside_bad_bytes"]);
    // the MCP client decodes leniently: what is left of the bad bytes is U+FFFD, and the tool is flagged for it
    expect(r.blocking("bad_bytes")).toEqual(["text_not_utf8"]);
    expect(r.blocking("beside_bad_bytes")).toEqual([]);
  });

  it("instructions aimed at the model are stored verbatim and flagged", async () => {
    const r = await harvest("injection");
    expect(r.run.status).toBe("succeeded");
    expect(r.blocking("poisoned_weather")).toEqual(["prompt_injection"]);
    expect(r.blocking("hidden_text")).toEqual(["prompt_injection"]);
    expect(r.tools.find((x) => x.name === "hidden_text")!.description).toContain("\u202E");
  });

  it("a server whose last words read like a database outage is a failed source, not a job to retry", async () => {
    // its stderr is quoted in the error, and "connection terminated" once made the job retry as if PostgreSQL had gone
    const r = await harvest("exits");
    expect(r.run).toMatchObject({ status: "failed", done: 0, failed: 1 });
    expect(r.lastError).toMatch(/closed the connection \(exited\).*connection terminated unexpectedly/s);
  });

  it("an answer that is not JSON is a clear error on the source", async () => {
    const r = await harvest("not-json", 1_500);
    expect(r.names).toEqual([]);
    expect(r.lastError).toMatch(/listing tools \(page 1\) failed: no answer within 1.5 s/);
  });

  it("no row stored before the hostile harvests changed or went missing", async () => {
    expect(changedRows(before, await snapshotRows(t.db))).toEqual({});
  });
});
