import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { readArtifact } from "../artifacts/store";
import { loadTrajectory } from "../trajectory/store";
import { conversationView } from "./conversation-view";
import { exportDataset } from "./export";
import { datasetFile } from "./files";
import { FORMATS } from "./formats";
import { importTrajectories } from "./import/import";
import { datasetText } from "./testing/files";
import { flightsDoc, weatherDoc } from "./testing/sample-docs";
import { cityDoc, saveWithVerdict } from "./testing/seed";

const importable = Object.values(FORMATS).filter((f) => f.fromRecord);

async function trainOfIn(db: TestDb["db"], datasetId: string) {
  const file = await datasetFile(db, datasetId, "train.jsonl");
  if (!file) throw new Error("no train.jsonl stored");
  return readArtifact(db, file.artifactId);
}

describe("export then import gives back the same trajectories", () => {
  let t: TestDb;
  // every one a valid record in every format (an episode that ends on a call is refused on export)
  const originals = [weatherDoc, flightsDoc, cityDoc(1), cityDoc(2)];
  beforeAll(async () => {
    t = await createTestDb();
    // saved in order so that id order (the export's order) is this order
    for (const doc of originals) await saveWithVerdict(t.db, doc, { verdict: "accepted" });
  });

  it("covers every format that can be imported", () => {
    expect(importable.map((f) => f.id)).toEqual(["openai", "trl", "sharegpt"]);
  });

  it.each(importable.map((f) => [f.id] as const))("%s: messages, tool calls and tool specs survive", async (format) => {
    // the same trajectories imported by another format's test share their content hash: start without them
    await t.db.trajectory.deleteMany({ where: { imported: true } });
    const { dataset } = await exportDataset(t.db, { name: `rt-${format}`, format });
    const run = await t.db.run.create({ data: { kind: "import", status: "running" } });
    const summary = await importTrajectories(t.db, await trainOfIn(t.db, dataset.id), { runId: run.id });
    expect(summary).toMatchObject({ imported: originals.length, failed: 0, undeclaredTools: [] });

    const rows = await t.db.trajectory.findMany({ where: { runId: run.id }, select: { id: true, episodeKey: true } });
    rows.sort((a, b) => Number(a.episodeKey!.split(":").pop()) - Number(b.episodeKey!.split(":").pop()));
    const back = await Promise.all(rows.map((r) => loadTrajectory(t.db, r.id)));
    const reasoning = format === "trl"; // the only one of the three that carries it
    expect(back.map((d) => conversationView(d!, { reasoning }))).toEqual(originals.map((d) => conversationView(d, { reasoning })));
    // every format keeps the calls' own ids (ShareGPT in its function_call JSON)
    expect(back[0]!.messages[2].toolCalls!.map((c) => c.id)).toEqual(["call_a", "call_b"]);
  });
  it.each(importable.map((f) => [f.id] as const))("%s: export, import, export again writes the same bytes", async (format) => {
    // the same trajectories imported by another format's test share their content hash: start without them
    await t.db.trajectory.deleteMany({ where: { imported: true } });
    const first = await exportDataset(t.db, { name: `bytes-${format}`, format });
    const run = await t.db.run.create({ data: { kind: "import", status: "running" } });
    const summary = await importTrajectories(t.db, await trainOfIn(t.db, first.dataset.id), { runId: run.id });
    expect(summary).toMatchObject({ imported: originals.length, failed: 0 });
    const ids = (await t.db.trajectory.findMany({ where: { runId: run.id }, select: { id: true } })).map((r) => r.id);
    const second = await exportDataset(t.db, { name: `bytes-${format}-again`, format, filter: { ids, verdict: "any" } });
    expect(await datasetText(t.db, second.dataset.id, "train.jsonl")).toBe(await datasetText(t.db, first.dataset.id, "train.jsonl"));
  });
  it("sharegpt: call ids a function_call carries are kept on import", () => {
    const doc = FORMATS.sharegpt.fromRecord!({
      conversations: [
        { from: "human", value: "Weather in Oslo and Bergen?" },
        {
          from: "function_call",
          value:
            '[{"id": "call_oslo01", "name": "get_weather", "arguments": {"city": "Oslo"}}, {"id": "call_bergen1", "name": "get_weather", "arguments": {"city": "Bergen"}}]',
        },
        { from: "observation", value: '["3", "7"]' },
        { from: "gpt", value: "Oslo 3, Bergen 7." },
      ],
    });
    expect(doc.messages[1].toolCalls!.map((c) => c.id)).toEqual(["call_oslo01", "call_bergen1"]);
    expect(doc.messages.slice(2, 4).map((m) => m.toolCallId)).toEqual(["call_oslo01", "call_bergen1"]);
  });
});
