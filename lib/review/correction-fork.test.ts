import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { exportDataset } from "../datasets/export";
import { simulateConfigSchema } from "../simulation/config";
import { forkTrajectory } from "../simulation/fork";
import { runSimulation } from "../simulation/stage";
import { createFakeGateway } from "../simulation/testing/fake-gateway";
import { createAgentWithTask } from "../simulation/testing/fixtures";
import { createStageContext } from "../jobs/context";
import { loadTrajectory } from "../trajectory/store";
import { correctTrajectory } from "./corrections";
import { makeUser } from "./test-fixtures";

// Correcting a step before the end offers to simulate again from there: the
// fork copies the corrected steps, so the episode continues from the edit.

const agent = () =>
  createFakeGateway({
    chat: (req) =>
      req.messages.some((m) => m.role === "tool")
        ? { text: "Take an umbrella." }
        : { toolCalls: [{ id: "c1", name: "get_weather", arguments: { city: "Paris" } }] },
  });

describe("re-simulating from a correction", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  it("forks with the edit in place, marks the fork, and its export says human_edited", async () => {
    const { task } = await createAgentWithTask(t.db);
    const config = simulateConfigSchema.parse({ taskIds: [task.id] });
    const run = await t.db.run.create({ data: { kind: "simulate", status: "running", config } });
    await runSimulation(createStageContext(t.db, run, new AbortController().signal), config, agent());
    const parent = await t.db.trajectory.findFirstOrThrow({ where: { runId: run.id } });
    const original = (await loadTrajectory(t.db, parent.id))!;
    const callStep = original.messages.findIndex((m) => m.toolCalls?.length);
    expect(callStep).toBeGreaterThan(0);

    const reviewer = await makeUser(t.db);
    const text = '{"city":  "Lyon"}';
    const correction = await correctTrajectory(t.db, reviewer.id, {
      trajectoryId: parent.id,
      basedOnId: null,
      step: callStep,
      content: "",
      toolCalls: [{ name: "get_weather", arguments: text }],
      reason: "Lyon was asked",
    });

    const other = await t.db.trajectory.create({ data: { tools: [], endReason: "agent_finished" } });
    expect(await forkTrajectory(t.db, agent(), { trajectoryId: other.id, atStep: 1, correctionId: correction.id })).toMatchObject({ ok: false });

    const r = await forkTrajectory(t.db, agent(), { trajectoryId: parent.id, atStep: callStep + 1, correctionId: correction.id });
    if (!r.ok) throw new Error(r.error);
    expect(await t.db.trajectory.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({
      parentId: parent.id,
      forkedAtStep: callStep + 1,
      forkedFromCorrectionId: correction.id,
    });
    const fork = (await loadTrajectory(t.db, r.id))!;
    expect(fork.messages[callStep].toolCalls?.[0]).toMatchObject({ name: "get_weather", rawArguments: text });
    // the edited call is answered again by the simulation, not by the original's result
    expect(fork.messages[callStep + 1]).toMatchObject({ role: "tool", toolCallId: "c1" });
    expect(fork.messages.at(-1)).toMatchObject({ role: "assistant", content: "Take an umbrella." });
    // the parent is as it was
    expect(await loadTrajectory(t.db, parent.id)).toEqual(original);

    const exported = await exportDataset(t.db, { name: "from-correction", format: "openai", filter: { verdict: "any", ids: [r.id] } });
    expect(exported.manifest.records).toEqual([{ file: "train.jsonl", line: 1, trajectoryId: r.id, correctionId: correction.id, human_edited: true }]);
  });
});
