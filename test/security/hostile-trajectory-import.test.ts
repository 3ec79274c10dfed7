import { createReadStream, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { putArtifact } from "../../lib/artifacts/store";
import { importTrajectories } from "../../lib/datasets/import/import";
import { executeRun } from "../../lib/jobs/worker";
import { stages } from "../../lib/pipeline";
import { loadTrajectory } from "../../lib/trajectory/store";
import { createTestDb, type TestDb } from "../db";
import * as hostile from "../fixtures/hostile/generate";
import { changedRows, snapshotRows, type Snapshot } from "./db-snapshot";
import { measurePeakRss } from "./memory";

// Hostile trajectory files through the same run an upload starts (import
// stage on an upload in the artifact store): each gives a clear error by line or a
// stored, flagged item; memory stays bounded; rows stored before never change.

type RunError = { key: string; message: string };

describe("hostile trajectory files", () => {
  let t: TestDb;
  let root: string;
  let before: Snapshot;

  async function importRun(name: string, pieces: Iterable<string | Buffer>) {
    const file = path.join(root, name);
    await hostile.writePieces(file, pieces);
    const upload = await putArtifact(t.db, { kind: "upload", name }, createReadStream(file));
    rmSync(file);
    const run = await t.db.run.create({ data: { kind: "import", config: { artifactId: upload.id, name } } });
    const { growthMb } = await measurePeakRss(() => executeRun(t.db, run.id, { stages }));
    const after = await t.db.run.findUniqueOrThrow({ where: { id: run.id } });
    return { run: after, errors: after.errors as RunError[], growthMb, stored: await t.db.trajectory.count({ where: { runId: run.id } }) };
  }

  beforeAll(async () => {
    t = await createTestDb();
    root = mkdtempSync(path.join(os.tmpdir(), "studio-hostile-"));
    // what is already stored: an imported trajectory with an undeclared tool, and a person's review of it
    const seeded = await importRun("existing.jsonl", [
      JSON.stringify({
        messages: [
          { role: "user", content: "Convert 10 EUR" },
          { role: "assistant", content: null, tool_calls: [{ id: "c", type: "function", function: { name: "convert_currency", arguments: '{"amount":10}' } }] },
        ],
      }) + "\n",
      hostile.validTrajectoryLine("existing") + "\n",
    ]);
    expect(seeded.run.status).toBe("succeeded");
    const user = await t.db.user.create({ data: { id: "u-existing", name: "Rita", email: "rita@x.io", role: "reviewer" } });
    const trajectory = await t.db.trajectory.findFirstOrThrow({ where: { runId: seeded.run.id } });
    await t.db.review.create({ data: { trajectoryId: trajectory.id, reviewerId: user.id, verdict: "accepted", note: "fine" } });
    before = await snapshotRows(t.db);
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("a 50 MB line is refused by number without being held, and the lines around it are imported", async () => {
    const r = await importRun("huge-line.jsonl", [
      hostile.validTrajectoryLine("before") + "\n",
      ...hostile.hugeLine(50 * 1024 * 1024),
      hostile.validTrajectoryLine("after") + "\n",
    ]);
    expect(r.run).toMatchObject({ status: "partial", total: 3, done: 2, failed: 1 });
    expect(r.errors).toEqual([expect.objectContaining({ key: "line 2", message: "line is longer than 10 MB" })]);
    expect(r.stored).toBe(2);
    expect(r.growthMb).toBeLessThan(50); // less than the line itself: it was never held
  });

  it("200 000 lines stream through with bounded memory, every error counted and the good lines kept", async () => {
    const good = new Set([1, 100_000, 200_000]);
    const file = path.join(root, "many-lines.jsonl");
    await hostile.writePieces(
      file,
      hostile.manyLines(200_000, (i) => (good.has(i) ? hostile.validTrajectoryLine(`line ${i}`) : `{"n":${i}}`)),
    );
    const run = await t.db.run.create({ data: { kind: "import", status: "running" } });
    // the importer itself (the stage records each error as a row update: 200 000 of them is a benchmark, not a test)
    const { result, growthMb } = await measurePeakRss(() => importTrajectories(t.db, createReadStream(file), { runId: run.id, batchSize: 500 }));
    expect(result).toMatchObject({ records: 200_000, imported: 3, failed: 199_997 });
    expect(result.errors).toHaveLength(1000); // the first thousand are kept, all are counted
    expect(result.errors[0]).toEqual({ where: "line 2", message: expect.stringMatching(/not a trajectory/) });
    expect(growthMb).toBeLessThan(250);
  });

  it("100 000 nested brackets, as a line or inside a message, are refused without a stack overflow", async () => {
    const r = await importRun("deep.jsonl", [
      hostile.deepArrays(100_000) + "\n",
      hostile.deepObjectLine(100_000) + "\n",
      `{"messages":[{"role":"user","content":"${"[".repeat(100_000)}"}]}\n`, // brackets inside a string are text
    ]);
    expect(r.run).toMatchObject({ status: "partial", done: 1, failed: 2 });
    expect(r.errors.map((e) => [e.key, e.message])).toEqual([
      ["line 1", "JSON is nested deeper than 64 levels"],
      ["line 2", "JSON is nested deeper than 64 levels"],
    ]);
  });

  it("bytes that are not UTF-8 are refused by line, never stored as replacement characters", async () => {
    const lines = hostile.invalidUtf8Lines();
    const r = await importRun("invalid-utf8.jsonl", [...lines, hostile.validTrajectoryLine("utf8 ok") + "\n"]);
    expect(r.run).toMatchObject({ status: "partial", done: 1, failed: lines.length });
    expect(r.errors.every((e) => e.message === "line is not valid UTF-8")).toBe(true);
    expect(await t.db.message.count({ where: { content: { contains: "\uFFFD" } } })).toBe(0);
  });

  it("JSON bombs end in a stored trajectory or an error for their line, within bounded memory", async () => {
    const bombs = hostile.jsonBombLines();
    const r = await importRun(
      "bombs.jsonl",
      bombs.map((b) => b.line + "\n"),
    );
    expect(r.run.status).toBe("partial"); // two bombs are refused, the others stored
    expect(r.run.done + r.run.failed).toBe(bombs.length);
    const failedLines = new Map(r.errors.map((e) => [Number(e.key.replace("line ", "")), e.message]));
    const outcome = Object.fromEntries(bombs.map((b, i) => [b.name, failedLines.get(i + 1) ?? "stored"]));
    expect(outcome).toEqual({
      "the same 1 MB key eight times": "stored",
      "a number of a million digits as content": "stored",
      "a number of a million digits inside tool arguments": "stored",
      "an exponent far past any float": "stored",
      "200 000 one-letter messages": "200000 messages: at most 5000 are imported",
      "50 000 tool calls in one turn": "stored",
      "20 000 tools called and never declared": "calls 20000 tools it never declares: at most 200",
      "keys that name Object's own members": "stored",
    });
    expect(await t.db.tool.count({ where: { name: { startsWith: "flood_" } } })).toBe(0);
    expect(r.growthMb).toBeLessThan(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  }, 120_000); // a million-digit number and 200 000 messages take a while on a loaded machine

  it("instructions hidden in tool descriptions are stored as data, verbatim, and nothing runs", async () => {
    const tools = hostile.INJECTIONS.map((description, i) => ({
      type: "function",
      function: { name: `tool_${i}`, description, parameters: { type: "object", properties: {} } },
    }));
    const line = JSON.stringify({
      messages: [
        { role: "system", content: hostile.INJECTIONS[0] },
        { role: "user", content: "What can you do?" },
        { role: "assistant", content: "I can call tools." },
      ],
      tools,
    });
    const r = await importRun("injection.jsonl", [line + "\n"]);
    expect(r.run).toMatchObject({ status: "succeeded", done: 1, failed: 0 });
    const row = await t.db.trajectory.findFirstOrThrow({ where: { runId: r.run.id } });
    const doc = (await loadTrajectory(t.db, row.id))!;
    expect(doc.tools.map((s) => s.description)).toEqual([...hostile.INJECTIONS]);
    expect(doc.messages[0].content).toBe(hostile.INJECTIONS[0]);
    expect(doc.messages).toHaveLength(3); // the "instructions" added no step and changed no role
    const { existsSync } = await import("node:fs");
    expect(existsSync("/tmp/studio-pwned")).toBe(false);
  });

  it("a hostile file naming an existing undeclared tool does not overwrite it", async () => {
    const line = JSON.stringify({
      messages: [
        { role: "user", content: "convert" },
        {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "x", type: "function", function: { name: "convert_currency", arguments: { evil: hostile.INJECTIONS[1] } } }],
        },
      ],
    });
    const r = await importRun("same-tool.jsonl", [line + "\n"]);
    expect(r.run.status).toBe("succeeded");
    expect(await t.db.tool.count({ where: { name: "convert_currency" } })).toBe(1);
  });

  // last: everything above ran against the same rows
  it("no row stored before the hostile imports changed or went missing", async () => {
    const after = await snapshotRows(t.db);
    expect(changedRows(before, after)).toEqual({});
  });
});
