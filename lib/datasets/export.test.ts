import path from "node:path";
import { Writable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { artifactInfo } from "../artifacts/store";
import { exportDataset } from "./export";
import { datasetFile } from "./files";
import { manifestSchema } from "./manifest";
import { datasetText } from "./testing/files";
import { cityDoc, saveWithVerdict, seedAgentWithTasks } from "./testing/seed";
import { writeRecords } from "./write-records";

const parseLines = (text: string) =>
  text
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));

describe("exporting a dataset", () => {
  let t: TestDb;
  let seeded: Awaited<ReturnType<typeof seedAgentWithTasks>>;
  let other: Awaited<ReturnType<typeof seedAgentWithTasks>>;
  const accepted: string[] = [];

  beforeAll(async () => {
    t = await createTestDb();
    seeded = await seedAgentWithTasks(t.db, 20);
    other = await seedAgentWithTasks(t.db, 1, "Other agent");
    // 20 tasks × 3 accepted trajectories each, one of the three a copy of another
    for (let task = 0; task < 20; task++) {
      for (let k = 0; k < 3; k++) {
        const doc = cityDoc(task * 10 + (k === 2 ? 0 : k));
        const id = await saveWithVerdict(t.db, doc, {
          verdict: "accepted",
          runId: seeded.run.id,
          agentId: seeded.agent.id,
          taskId: seeded.taskIds[task],
          model: k ? "model-b" : "model-a",
        });
        accepted.push(id);
      }
    }
    await saveWithVerdict(t.db, cityDoc(999), { verdict: "rejected", runId: seeded.run.id, agentId: seeded.agent.id, taskId: seeded.taskIds[0] });
    await saveWithVerdict(t.db, cityDoc(998), { verdict: null, runId: seeded.run.id });
    await saveWithVerdict(t.db, cityDoc(997), { verdict: "accepted", runId: other.run.id, agentId: other.agent.id, taskId: other.taskIds[0] });
    accepted.push((await t.db.trajectory.findFirstOrThrow({ where: { agentId: other.agent.id } })).id);
    // the one simulated trajectory of the set: the others stand for trajectories written whole
    await t.db.trajectory.updateMany({
      where: { agentId: other.agent.id },
      data: { userSimulatorPromptVersion: "user-sim-1", toolSimulatorPromptVersion: "tool-sim-1" },
    });
    for (const id of accepted.slice(0, 5)) {
      await t.db.judgement.create({
        data: { trajectoryId: id, verdict: "accepted", score: 0.9, judgeModel: "offline-judge", promptVersion: "v1", configHash: "cfg-1" },
      });
    }
  });

  it("writes the accepted trajectories, a manifest and a card as version 1, then version 2", async () => {
    const first = await exportDataset(t.db, { name: "weather", format: "openai" }, { batchSize: 7 });
    expect(first.dataset).toMatchObject({ name: "weather", version: 1, format: "openai", count: 61, path: path.join("exports", "weather", "v1") });
    const db = t.db;
    const lines = parseLines(await datasetText(db, first.dataset.id, "train.jsonl"));
    expect(lines).toHaveLength(61);
    expect(lines[0]).toHaveProperty("messages");
    expect(await datasetFile(db, first.dataset.id, "validation.jsonl")).toBeNull();

    const manifest = manifestSchema.parse(JSON.parse(await datasetText(db, first.dataset.id, "manifest.json")));
    expect(manifest).toMatchObject({
      name: "weather",
      version: 1,
      counts: { selected: 61, written: 61, train: 61, validation: 0, duplicatesDropped: 0, tasks: { train: 21, validation: 0 } },
      split: null,
      dedup: false,
      filter: { verdict: "accepted", runIds: [], agentIds: [], ids: [] },
      judgeConfigs: [{ configHash: "cfg-1", judgeModel: "offline-judge", promptVersion: "v1", judgements: 5 }],
    });
    expect(manifest.models).toEqual([
      { model: "model-b", count: 40 },
      { model: "model-a", count: 20 },
      { model: "offline-agent", count: 1 },
    ]);
    expect(manifest.simulatorPrompts).toEqual([{ userSimulator: "user-sim-1", toolSimulator: "tool-sim-1", count: 1 }]);
    expect(manifest.sourceRuns).toEqual([
      { runId: seeded.run.id, kind: "simulate", count: 60 },
      { runId: other.run.id, kind: "simulate", count: 1 },
    ]);
    expect(manifest.files[0]).toMatchObject({ name: "train.jsonl", records: 61 });
    // the stored file is the one the manifest describes, byte for byte
    const stored = await datasetFile(db, first.dataset.id, "train.jsonl");
    expect(await artifactInfo(db, stored!.artifactId)).toMatchObject({ bytes: manifest.files[0].bytes, sha256: manifest.files[0].sha256 });
    const card = await datasetText(db, first.dataset.id, "README.md");
    expect(card).toMatch(/^---\nconfigs:/);
    expect(card).toContain("# weather v1");
    expect(card).toContain("offline-judge, prompt v1, config `cfg-1`: 5 judgements");
    expect(card).toContain("user-sim-1, tool-sim-1: 1");

    const second = await exportDataset(t.db, { name: "weather", format: "sharegpt" });
    expect(second.dataset.version).toBe(2);
    expect(parseLines(await datasetText(db, second.dataset.id, "train.jsonl"))[0]).toHaveProperty("conversations");
  });

  it("splits by task so no task is in both files, the same way for the same seed", async () => {
    const config = { name: "split", validationFraction: 0.3, seed: "s1" };
    const a = await exportDataset(t.db, config, { batchSize: 11 });
    const b = await exportDataset(t.db, config);
    expect(a.manifest.counts.validation).toBeGreaterThan(0);
    expect(a.manifest.counts.train + a.manifest.counts.validation).toBe(61);
    expect(a.manifest.counts.tasks.train + a.manifest.counts.tasks.validation).toBe(21);
    expect(b.manifest.files.map((f) => f.sha256)).toEqual(a.manifest.files.map((f) => f.sha256));

    const rows = await t.db.trajectory.findMany({
      where: { effectiveVerdict: "accepted" },
      select: { taskId: true, messages: { where: { index: 0 }, select: { content: true } } },
    });
    const taskOf = new Map(rows.map((r) => [r.messages[0].content, r.taskId]));
    const tasksIn = async (file: "train.jsonl" | "validation.jsonl") =>
      new Set(parseLines(await datasetText(t.db, a.dataset.id, file)).map((l) => taskOf.get(l.messages[0].content)));
    const train = await tasksIn("train.jsonl");
    const validation = await tasksIn("validation.jsonl");
    expect([...validation].filter((task) => train.has(task))).toEqual([]);

    const c = await exportDataset(t.db, { ...config, seed: "another seed" });
    expect(c.manifest.files.map((f) => f.sha256)).not.toEqual(a.manifest.files.map((f) => f.sha256));
  });

  it("drops trajectories whose messages repeat another's when asked", async () => {
    const { manifest, dataset } = await exportDataset(t.db, { name: "dedup", dedup: true });
    expect(manifest.counts).toMatchObject({ selected: 61, written: 41, duplicatesDropped: 20 });
    const texts = parseLines(await datasetText(t.db, dataset.id, "train.jsonl")).map((l) => JSON.stringify(l.messages));
    expect(new Set(texts).size).toBe(texts.length);
  });

  it("selects by verdict, runs, agents and ids", async () => {
    const count = async (filter: object) => (await exportDataset(t.db, { name: "filtered", filter })).manifest.counts.selected;
    expect(await count({ verdict: "rejected" })).toBe(1);
    expect(await count({ verdict: "any" })).toBe(63);
    expect(await count({ runIds: [other.run.id] })).toBe(1);
    expect(await count({ agentIds: [seeded.agent.id] })).toBe(60);
    expect(await count({ ids: accepted.slice(0, 3) })).toBe(3);
    expect(await count({ ids: accepted.slice(0, 3), verdict: "rejected" })).toBe(0);
  });

  it("reads no further than the reader while the reader is slow", async () => {
    let batches = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let received = 0;
    const slow = new Writable({
      highWaterMark: 1,
      write(chunk: Buffer, _enc, done) {
        received += chunk.toString().split("\n").length - 1;
        gate.then(() => done());
      },
    });
    const writing = writeRecords(
      t.db,
      { filter: { verdict: "any", runIds: [], agentIds: [], ids: [] }, format: "trl", batchSize: 5, onBatch: () => void batches++ },
      { train: slow },
    );
    await new Promise((r) => setTimeout(r, 300));
    // one batch handed to the stream, the next read and waiting: never the whole selection
    expect(batches).toBeLessThanOrEqual(2);
    expect(received).toBeLessThanOrEqual(10);
    release();
    const result = await writing;
    expect(result.written).toBe(63);
    expect(received).toBe(63);
  });
});
