import { createReadStream } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../../test/db";
import { loadTrajectory } from "../../trajectory/store";
import type { TrajectoryDoc } from "../../trajectory/types";
import { episodeKey, importTrajectories } from "./import";

const FIXTURES = path.resolve(import.meta.dirname, "../../../test/fixtures/trajectories");
const fixture = (name: string) => createReadStream(path.join(FIXTURES, name));

describe("importing trajectories", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  async function importInto(source: AsyncIterable<Buffer | string>) {
    const run = await t.db.run.create({ data: { kind: "import", status: "running" } });
    const summary = await importTrajectories(t.db, source, { runId: run.id });
    const docs = new Map<number, TrajectoryDoc>();
    const rows = await t.db.trajectory.findMany({ where: { runId: run.id } });
    for (const row of rows) docs.set(Number(row.episodeKey!.split(":").pop()), (await loadTrajectory(t.db, row.id))!);
    return { run, summary, docs, rows };
  }

  describe("messy OpenAI chat lines", () => {
    let r: Awaited<ReturnType<typeof importInto>>;
    beforeAll(async () => {
      r = await importInto(fixture("messy-openai.jsonl"));
    });

    it("imports every line, marked as imported by a run of kind import", () => {
      expect(r.summary).toMatchObject({ records: 9, imported: 9, failed: 0, errors: [] });
      expect(r.rows.every((row) => row.imported && row.runId === r.run.id)).toBe(true);
      expect(r.summary.dialects).toEqual({ openai: 7, trl: 1, "openai-legacy": 1 });
    });

    it("reads arguments written as a JSON string or as an object", () => {
      const calls = r.docs.get(1)!.messages[1].toolCalls!;
      expect(calls.map((c) => c.arguments)).toEqual([{ city: "Paris" }, { city: "Rome" }]);
    });

    it("pairs calls and results by position when ids are missing", () => {
      const m = r.docs.get(2)!.messages;
      const [flights, weather] = m[1].toolCalls!;
      expect(new Set([flights.id, weather.id]).size).toBe(2);
      expect([m[2].toolCallId, m[2].toolName]).toEqual([flights.id, "search_flights"]);
      expect([m[3].toolCallId, m[3].toolName]).toEqual([weather.id, "get_weather"]);
    });

    it("gives reused call ids unique ones and pairs each result with its own call", () => {
      const m = r.docs.get(3)!.messages;
      const ids = [...m[1].toolCalls!, ...m[4].toolCalls!].map((c) => c.id);
      expect(new Set(ids).size).toBe(3);
      expect([m[2].toolCallId, m[3].toolCallId, m[5].toolCallId]).toEqual(ids);
      expect(m[1].content).toBeNull(); // "" beside calls means no text
    });

    it("keeps results that are not JSON, reads content parts, and pairs by id when results come out of order", () => {
      const m = r.docs.get(4)!.messages;
      expect(m[0].content).toBe("Be brief.");
      expect(m[1].content).toBe("Weather in Lima?");
      const [lima, cusco] = m[2].toolCalls!;
      expect([m[3].toolCallId, m[3].content]).toEqual([cusco.id, "Cusco: cold, 8 degrees"]);
      expect([m[4].toolCallId, m[4].content]).toEqual([lima.id, "ERROR 503 upstream timeout"]);
    });

    it("keeps text and calls of the same turn together", () => {
      const m = r.docs.get(5)!.messages[1];
      expect(m.content).toBe("Checking Nice now.");
      expect(m.toolCalls).toHaveLength(1);
    });

    it("keeps a conversation that ends on a call with no result", () => {
      const m = r.docs.get(6)!.messages;
      expect(m).toHaveLength(2);
      expect(m[1].toolCalls![0]).toMatchObject({ name: "get_weather", arguments: { city: "Quito" } });
    });

    it("reads the legacy function_call / role function shape and `functions`", () => {
      const doc = r.docs.get(7)!;
      expect(doc.tools.map((t) => t.name)).toEqual(["get_weather"]);
      const call = doc.messages[1].toolCalls![0];
      expect(call).toMatchObject({ name: "get_weather", arguments: { city: "Bern" } });
      expect(doc.messages[2]).toMatchObject({ role: "tool", toolCallId: call.id, toolName: "get_weather", content: '{"temp": 11}' });
    });

    it("flags a tool that was called but never declared, and stores it as an undeclared tool", async () => {
      const doc = r.docs.get(8)!;
      const spec = doc.tools.find((s) => s.name === "convert_currency")!;
      expect(spec).toMatchObject({
        undeclared: true,
        parameters: { type: "object", properties: { amount: { type: "integer" }, from: { type: "string" }, to: { type: "string" } } },
      });
      const tool = await t.db.tool.findUniqueOrThrow({ where: { id: spec.toolId! } });
      expect(tool).toMatchObject({ origin: "undeclared", name: "convert_currency" });
      expect(r.rows.find((row) => row.episodeKey === episodeKey(r.run.id, 8))!.tags).toContain("undeclared-tools");
      expect(r.summary.undeclaredTools).toEqual(["convert_currency"]);
    });

    it("unwraps double-encoded arguments and keeps unparseable ones verbatim with the reason", () => {
      const m = r.docs.get(9)!.messages;
      const [porto, faro] = m[1].toolCalls!;
      expect(porto.arguments).toEqual({ city: "Porto" });
      expect(faro).toMatchObject({ rawArguments: "{city: Faro", argumentsError: expect.stringMatching(/not JSON/) });
      expect(m[3].isError).toBe(true);
    });
  });

  it("reads TRL rows: object arguments, named tool turns, tools as a JSON string, prompt + completion", async () => {
    const { summary, docs } = await importInto(fixture("trl-rows.jsonl"));
    expect(summary).toMatchObject({ imported: 3, failed: 0, dialects: { trl: 3 } });
    const first = docs.get(1)!;
    expect(first.messages[2]).toMatchObject({ toolCallId: first.messages[1].toolCalls![0].id, toolName: "control_light" });
    const second = docs.get(2)!;
    expect(second.messages[1].reasoning).toBe("One lookup.");
    expect(second.messages[2].content).toBe('{"temp":15,"sky":"cloudy"}');
    expect(second.tools[0].name).toBe("get_weather");
    expect(docs.get(3)!.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
  });

  it("reads ShareGPT with function calls: system, parallel calls, text beside calls, undeclared tools", async () => {
    const { summary, docs } = await importInto(fixture("sharegpt-apigen.jsonl"));
    expect(summary).toMatchObject({ imported: 3, failed: 0, dialects: { sharegpt: 3 }, undeclaredTools: ["track_parcel"] });
    const first = docs.get(1)!;
    expect(first.messages[0]).toMatchObject({ role: "system", content: "You are a retail agent. Follow the policy." });
    expect(first.messages[2].toolCalls![0].arguments).toEqual({ order_id: "#W123", reason: "no longer needed" });
    const second = docs.get(2)!.messages;
    expect(second[1]).toMatchObject({ content: "Let me look both up." });
    expect(second[1].toolCalls!.map((c) => c.arguments)).toEqual([{ city: "Hanoi" }, { city: "Hue" }]);
    expect(second.slice(2, 4).map((m) => m.toolCallId)).toEqual(second[1].toolCalls!.map((c) => c.id));
    const third = docs.get(3)!;
    expect(third.messages[1].toolCalls!.map((c) => [c.name, c.arguments])).toEqual([
      ["track_parcel", { parcel: "77" }],
      ["get_weather", { city: "Cairo" }],
    ]);
    expect(third.tools.find((s) => s.name === "track_parcel")?.undeclared).toBe(true);
  });

  it("reports each unreadable line by number, imports the rest, and writes nothing of a failing line", async () => {
    const { summary, rows } = await importInto(fixture("broken-lines.jsonl"));
    expect(summary).toMatchObject({ records: 11, imported: 2, failed: 9 });
    expect(rows.map((row) => Number(row.episodeKey!.split(":").pop())).sort((a, b) => a - b)).toEqual([1, 11]);
    const byLine = Object.fromEntries(summary.errors.map((e) => [Number(e.where.replace("line ", "")), e.message]));
    expect(summary.errors.map((e) => e.where)).toEqual([2, 3, 4, 6, 7, 8, 9, 10, 12].map((n) => `line ${n}`));
    expect(byLine[2]).toMatch(/^not JSON/);
    expect(byLine[3]).toMatch(/one JSON object/);
    expect(byLine[4]).toMatch(/not a trajectory/);
    expect(byLine[6]).toMatch(/messages\.0\.role: unknown role "robot"/);
    expect(byLine[7]).toMatch(/conversations\.1: a function_call's value must be JSON/);
    expect(byLine[8]).toMatch(/tools is a string but not JSON/);
    expect(byLine[9]).toMatch(/nested deeper than 64/);
    expect(byLine[10]).toMatch(/could not be stored/);
    expect(byLine[12]).toMatch(/messages: has no messages/);
    // line 10 declared an undeclared tool in the same transaction that failed
    expect(await t.db.tool.count({ where: { name: "never_stored_tool" } })).toBe(0);
  });

  it("refuses a line longer than 10 MB and a line that is not UTF-8 without stopping", async () => {
    const good = (city: string) =>
      JSON.stringify({
        messages: [
          { role: "user", content: `Weather in ${city}?` },
          { role: "assistant", content: "Sunny." },
        ],
      });
    const huge = JSON.stringify({ messages: [{ role: "user", content: "x".repeat(11 * 1024 * 1024) }] });
    const chunks = [
      Buffer.from(`${good("Kyiv")}\n`),
      Buffer.from(huge.slice(0, 5_000_000)),
      Buffer.from(`${huge.slice(5_000_000)}\n`),
      Buffer.concat([Buffer.from('{"messages":[{"role":"user","content":"caf'), Buffer.from([0xe9]), Buffer.from('"}]}\n')]),
      Buffer.from(good("Vilnius")),
    ];
    const { summary } = await importInto(Readable.from(chunks));
    expect(summary).toMatchObject({ records: 4, imported: 2, failed: 2 });
    expect(summary.errors).toEqual([
      { where: "line 2", message: "line is longer than 10 MB" },
      { where: "line 3", message: "line is not valid UTF-8" },
    ]);
  });

  it("importing the same file again, in a new run or a resumed one, stores nothing twice", async () => {
    const before = await t.db.trajectory.count();
    const first = await importInto(fixture("trl-rows.jsonl")); // also imported above: same content
    expect(first.summary).toMatchObject({ records: 3, imported: 0, alreadyImported: 3, failed: 0 });
    const fresh = await importInto(
      Readable.from([
        `${JSON.stringify({
          messages: [
            { role: "user", content: "Only once?" },
            { role: "assistant", content: "Once." },
          ],
        })}\n`,
      ]),
    );
    expect(fresh.summary).toMatchObject({ imported: 1 });
    const again = await importTrajectories(
      t.db,
      Readable.from([
        `${JSON.stringify({
          messages: [
            { role: "user", content: "Only once?" },
            { role: "assistant", content: "Once." },
          ],
        })}\n`,
      ]),
      { runId: fresh.run.id },
    );
    expect(again).toMatchObject({ imported: 0, alreadyImported: 1 });
    expect(await t.db.trajectory.count()).toBe(before + 1);
  });
});
