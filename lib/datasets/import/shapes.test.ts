import { createReadStream } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../../test/db";
import { loadTrajectory } from "../../trajectory/store";
import type { TrajectoryDoc } from "../../trajectory/types";
import { importTrajectories } from "./import";

const FIXTURES = path.resolve(import.meta.dirname, "../../../test/fixtures/trajectories");
const fixture = (name: string) => createReadStream(path.join(FIXTURES, name), { highWaterMark: 97 }); // small chunks: values cross chunk borders

describe("importing whole JSON files in the shapes agent projects write", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  async function importInto(source: AsyncIterable<Buffer | string>) {
    const run = await t.db.run.create({ data: { kind: "import", status: "running" } });
    const summary = await importTrajectories(t.db, source, { runId: run.id });
    const rows = await t.db.trajectory.findMany({ where: { runId: run.id } });
    rows.sort((a, b) => Number(a.episodeKey!.split(":").pop()) - Number(b.episodeKey!.split(":").pop()));
    const docs: TrajectoryDoc[] = [];
    for (const row of rows) docs.push((await loadTrajectory(t.db, row.id))!);
    return { summary, docs, rows };
  }

  it("τ²: reads `simulations` of a results file, pairs results by `id`, stores `error: true` as an error, refuses a user's tool calls", async () => {
    const { summary, docs, rows } = await importInto(fixture("tau2-results.json"));
    expect(summary).toMatchObject({ records: 3, imported: 2, failed: 1, dialects: { tau2: 2 } });
    expect(summary.errors).toEqual([{ where: "simulations[2]", message: expect.stringMatching(/^messages\.2: the user calls tools/) }]);
    const [first, second] = docs;
    expect(first.messages.map((m) => m.role)).toEqual(["assistant", "user", "assistant", "tool", "assistant", "tool", "assistant", "user"]);
    expect(first.messages[2].toolCalls![0]).toMatchObject({ id: "call_Xk2", name: "get_reservation_details", arguments: { reservation_id: "ZFA04Y" } });
    expect(first.messages[3]).toMatchObject({ toolCallId: "call_Xk2", isError: false });
    expect(first.messages[5]).toMatchObject({ toolCallId: "call_Yq9", isError: true, content: "Error: flight HAT001 is not available on 2024-05-20" });
    expect(second.messages[1]).toMatchObject({ content: "Let me check.", toolCalls: [expect.objectContaining({ id: "call_Zz1" })] });
    expect(rows.every((r) => r.tags.includes("tau2"))).toBe(true);
  });

  it("τ-bench: reads `traj` of each result in a top-level array and reports a result that is not a trajectory by its index", async () => {
    const { summary, docs } = await importInto(fixture("tau-bench-results.json"));
    expect(summary).toMatchObject({ records: 3, imported: 2, failed: 1, dialects: { "tau-bench": 2 } });
    expect(summary.errors[0]).toEqual({ where: "item 2", message: expect.stringMatching(/^not a trajectory/) });
    expect(docs[0].messages[2].toolCalls![0]).toMatchObject({ id: "call_r1", rawArguments: '{"order_id": "#W2378156"}' });
    expect(docs[0].messages[3]).toMatchObject({ toolCallId: "call_r1", toolName: "get_order_details" });
  });

  it("ToolBench: imports the last chain of `answer_generation.train_messages` with the offered tools, arguments as written", async () => {
    const { summary, docs } = await importInto(fixture("toolbench-answer.json"));
    expect(summary).toMatchObject({ records: 1, imported: 1, failed: 0, dialects: { toolbench: 1 }, undeclaredTools: [] });
    const [doc] = docs;
    expect(doc.tools.map((s) => s.name)).toEqual(["current_weather_for_weatherapi", "exchange_for_currencyapi", "Finish"]);
    expect(doc.messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool", "assistant", "tool", "assistant"]);
    const rate = doc.messages[4];
    expect(rate.content).toBe("Thought: now the rate.");
    expect(rate.toolCalls![0].rawArguments).toBe('{\n  "from": "EUR",\n  "to": "JPY"\n}');
    expect(doc.messages[5]).toMatchObject({ toolCallId: rate.toolCalls![0].id, toolName: "exchange_for_currencyapi" });
  });

  it("SWE-agent .traj: reads `history`, pairs observations by `tool_call_ids`, keeps the call ids", async () => {
    const { summary, docs } = await importInto(fixture("swe-agent.traj"));
    expect(summary).toMatchObject({ records: 1, imported: 1, failed: 0, dialects: { "swe-agent": 1 } });
    const m = docs[0].messages;
    expect(m[1].content).toBe("<uploaded_files>/repo</uploaded_files>\nFix the TimeDelta rounding bug.");
    expect(m[2].toolCalls![0]).toMatchObject({ id: "toolu_01AbC", name: "find_file", arguments: { file_name: "fields.py" } });
    expect(m[3]).toMatchObject({ role: "tool", toolCallId: "toolu_01AbC", content: 'Found 1 matches for "fields.py":\n/repo/src/fields.py' });
    expect(m[4].toolCalls![0].id).toBe("toolu_02DeF");
  });

  it("OpenHands: one assistant turn for parallel calls of one model response, results by `tool_call_metadata`, an error observation as an error", async () => {
    const { summary, docs } = await importInto(fixture("openhands-events.json"));
    expect(summary).toMatchObject({ records: 1, imported: 1, failed: 0, dialects: { openhands: 1 }, undeclaredTools: [] });
    const [doc] = docs;
    expect(doc.tools.map((s) => s.name)).toEqual(["execute_bash"]);
    const m = doc.messages;
    expect(m.map((x) => x.role)).toEqual(["system", "user", "assistant", "tool", "tool", "assistant"]);
    expect(m[2].content).toBe("Both at once.");
    expect(m[2].toolCalls!.map((c) => [c.id, c.rawArguments])).toEqual([
      ["toolu_ls", '{"command": "ls"}'],
      ["toolu_cat", '{"command": "cat README.md"}'],
    ]);
    expect(m[3]).toMatchObject({ toolCallId: "toolu_ls", isError: false, content: "README.md\nsrc" });
    expect(m[4]).toMatchObject({ toolCallId: "toolu_cat", isError: true });
  });

  it("ShareGPT: one observation holding the results of parallel calls answers each call", async () => {
    const { summary, docs } = await importInto(fixture("sharegpt-parallel.jsonl"));
    expect(summary).toMatchObject({ records: 2, imported: 2, failed: 0 });
    const m = docs[0].messages;
    const ids = m[1].toolCalls!.map((c) => c.id);
    expect(m.slice(2, 4).map((x) => [x.toolCallId, x.content])).toEqual([
      [ids[0], '{"temp": 3}'],
      [ids[1], '{"temp": 7}'],
    ]);
  });

  it("a pretty-printed object that is one OpenAI record is one trajectory; a document cut short is reported", async () => {
    const record = {
      messages: [
        { role: "user", content: "Hi" },
        { role: "assistant", content: "Hello." },
      ],
      model: "m-1",
    };
    const whole = await importInto(Readable.from([JSON.stringify(record, null, 2)]));
    expect(whole.summary).toMatchObject({ records: 1, imported: 1 });
    expect(whole.rows[0].model).toBe("m-1");
    const cut = await importInto(Readable.from([JSON.stringify([record, { ...record, model: "m-2" }], null, 2).slice(0, -20)]));
    expect(cut.summary).toMatchObject({ records: 2, alreadyImported: 1, failed: 1 }); // its first record is the one above
    expect(cut.summary.errors[0].message).toMatch(/ends before its JSON document does/);
  });

  it("a multi-megabyte JSON array of 200 trajectories imports every one, and again adds none", async () => {
    const records = Array.from({ length: 200 }, (_, i) => ({
      messages: [
        { role: "system", content: `You are agent ${i}. ${"Follow the policy carefully. ".repeat(300)}` },
        { role: "user", content: `Weather in City-${i}?` },
        {
          role: "assistant",
          content: null,
          tool_calls: [{ id: `call_${i}`, type: "function", function: { name: "get_weather", arguments: JSON.stringify({ city: `City-${i}` }) } }],
        },
        { role: "tool", tool_call_id: `call_${i}`, content: JSON.stringify({ temp: i % 40, note: "x".repeat(12_000) }) },
        { role: "assistant", content: `${i % 40} degrees.` },
      ],
      tools: [
        {
          type: "function",
          function: { name: "get_weather", description: "Weather", parameters: { type: "object", properties: { city: { type: "string" } } } },
        },
      ],
    }));
    const text = JSON.stringify(records, null, 2);
    expect(text.length).toBeGreaterThan(4 * 2 ** 20);
    const chunks = Array.from({ length: Math.ceil(text.length / 65536) }, (_, i) => text.slice(i * 65536, (i + 1) * 65536));
    const first = await importInto(Readable.from(chunks));
    expect(first.summary).toMatchObject({ records: 200, imported: 200, failed: 0, errors: [] });
    expect(first.docs[199].messages[1].content).toBe("Weather in City-199?");
    const again = await importInto(Readable.from(chunks));
    expect(again.summary).toMatchObject({ records: 200, imported: 0, alreadyImported: 200, failed: 0 });
  });
});
