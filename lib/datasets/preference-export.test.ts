import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { recordPreference } from "../review/preferences";
import type { StepInput } from "../trajectory/types";
import { makeAgentWorld, makeTrajectory, makeUser } from "../review/test-fixtures";
import { listDatasets } from "./files";
import { exportPreferences } from "./preference-export";
import { datasetText } from "./testing/files";

const PROMPT_ARGS = '{"city":  "Paris", "days": 1.0}';
const question: StepInput = { role: "user", content: "What is the weather in Paris tomorrow?" };
const call: StepInput = {
  role: "assistant",
  content: null,
  toolCalls: [{ id: "c1", name: "get_weather", arguments: { city: "Paris", days: 1 }, rawArguments: PROMPT_ARGS }],
};
const result: StepInput = { role: "tool", content: '{"forecast":"sunny","high":21}', toolCallId: "c1", toolName: "get_weather" };
const answer = (content: string): StepInput => ({ role: "assistant", content });

describe("exporting preference pairs", () => {
  let t: TestDb;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestDb();
    const world = await makeAgentWorld(t.db);
    const me = await makeUser(t.db);
    ids.parent = await makeTrajectory(t.db, { steps: [question, call, result, answer("Sunny, 21°C.")], row: { taskId: world.task.id, provider: "openai" } });
    ids.fork = await makeTrajectory(t.db, {
      steps: [question, call, result, answer("I could not tell.")],
      row: { taskId: world.task.id, parentId: ids.parent, forkedAtStep: 3, provider: "openai" },
    });
    ids.tied = await makeTrajectory(t.db, {
      steps: [question, call, result, answer("Sunny and warm.")],
      row: { taskId: world.task.id, parentId: ids.parent, forkedAtStep: 3 },
    });
    ids.apart = await makeTrajectory(t.db, { steps: [{ role: "user", content: "And in Rome?" }, answer("Rain.")], row: { taskId: world.task.id } });
    const say = async (aId: string, bId: string, choice: "a" | "b" | "tie", reason: string) => {
      const r = await recordPreference(t.db, me.id, { aId, bId, choice, reason });
      if (!r.ok) throw new Error(r.error);
    };
    await say(ids.fork, ids.parent, "a", "first thought"); // superseded below: the latest counts
    await say(ids.parent, ids.fork, "a", "the parent answers with the forecast");
    await say(ids.parent, ids.tied, "tie", "both fine");
    await say(ids.parent, ids.apart, "b", "another question altogether");
  });

  it("writes TRL preference rows (prompt = shared prefix, chosen, rejected, tools) as a dataset version with a manifest and a card", async () => {
    const { dataset, manifest } = await exportPreferences(t.db, { name: "prefs" });
    expect(dataset).toMatchObject({ name: "prefs", version: 1, format: "trl-preference", count: 1, path: path.join("exports", "prefs", "v1") });

    const text = await datasetText(t.db, dataset.id, "train.jsonl");
    const lines = text.trim().split("\n");
    expect(lines).toHaveLength(1);
    // the model's argument text, byte for byte, in the shared prompt
    expect(lines[0]).toContain(`"arguments":${PROMPT_ARGS}`);
    const row = JSON.parse(lines[0]);
    expect(Object.keys(row)).toEqual(["prompt", "chosen", "rejected", "tools"]);
    expect(row.prompt.map((m: { role: string }) => m.role)).toEqual(["user", "assistant", "tool"]);
    expect(row.prompt[0]).toEqual({ role: "user", content: "What is the weather in Paris tomorrow?" });
    expect(row.chosen).toEqual([{ role: "assistant", content: "Sunny, 21°C." }]);
    expect(row.rejected).toEqual([{ role: "assistant", content: "I could not tell." }]);
    expect(row.tools.map((x: { type: string; function: { name: string } }) => [x.type, x.function.name])).toEqual([
      ["function", "get_weather"],
      ["function", "get_stock"],
    ]);

    expect(manifest).toMatchObject({
      format: "trl",
      type: "preference",
      counts: { selected: 2, written: 1, refused: 1 },
      preference: { pairs: 3, ties: 1, written: 1, refused: 1 },
    });
    expect(manifest.preference.refusedPairs).toEqual([
      { chosenId: ids.apart, rejectedId: ids.parent, reasons: ["no common prefix: the two trajectories part at step 0, before a user turn both answer"] },
    ]);
    expect(manifest.files[0]).toMatchObject({ name: "train.jsonl", records: 1, bytes: Buffer.byteLength(text) });
    expect(JSON.parse(await datasetText(t.db, dataset.id, "manifest.json"))).toMatchObject({ type: "preference", preference: { ties: 1 } });
    expect(await datasetText(t.db, dataset.id, "README.md")).toContain("Ties left out: 1");

    // listed on the Datasets page like any version, with its files to download
    const [listed] = (await listDatasets(t.db)).filter((d) => d.id === dataset.id);
    expect(listed.files).toEqual(["train.jsonl", "manifest.json", "README.md"]);
    expect(listed.manifest?.counts.written).toBe(1);

    const again = await exportPreferences(t.db, { name: "prefs" });
    expect(again.dataset.version).toBe(2);
    expect(await datasetText(t.db, again.dataset.id, "train.jsonl")).toBe(text);
  });

  it("says why a version is empty", async () => {
    await t.db.preference.deleteMany({ where: { choice: { not: "tie" } } });
    const { manifest } = await exportPreferences(t.db, { name: "ties-only" });
    expect(manifest.emptyBecause).toBe("all 1 pairs are ties, which a preference trainer cannot learn from");
    await expect(exportPreferences(t.db, { name: "no spaces allowed" })).rejects.toThrow();
  });
});
