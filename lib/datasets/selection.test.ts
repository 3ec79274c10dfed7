import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { selectionSchema } from "./config";
import { countSelection, selectedBatches } from "./selection";

describe("export selection by the task's success band", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  it("takes the successful episodes of tasks solved between min and max of the time, and refuses a band upside down", async () => {
    const agent = await t.db.agent.create({ data: { name: "a", systemPrompt: "p", toolSetHash: "h-band" } });
    const task = (goal: string) => t.db.task.create({ data: { agentId: agent.id, goal, instruction: goal, difficulty: "single_call" } });
    const [half, always, never] = await Promise.all([task("half"), task("always"), task("never")]);
    const episodes = (taskId: string, verdicts: ("accepted" | "rejected")[]) =>
      Promise.all(
        verdicts.map((v) =>
          t.db.trajectory.create({
            data: { taskId, agentId: agent.id, effectiveVerdict: v, judgeVerdict: v, endReason: "agent_finished", blame: v === "rejected" ? "agent" : null },
            select: { id: true },
          }),
        ),
      );
    const [halfOk] = await episodes(half.id, ["accepted", "rejected"]);
    await episodes(always.id, ["accepted", "accepted"]);
    await episodes(never.id, ["rejected"]);

    const band = selectionSchema.parse({ verdict: "accepted", agentIds: [agent.id], taskSuccess: { min: 0.2, max: 0.8 } });
    expect(await countSelection(t.db, band)).toBe(1);
    const ids = [];
    for await (const batch of selectedBatches(t.db, band)) ids.push(...batch.map((r) => r.id));
    expect(ids).toEqual([halfOk.id]);
    // without a band every accepted episode is taken; a band no task is in takes none
    expect(await countSelection(t.db, selectionSchema.parse({ agentIds: [agent.id] }))).toBe(3);
    expect(await countSelection(t.db, selectionSchema.parse({ agentIds: [agent.id], taskSuccess: { min: 0.9, max: 0.95 } }))).toBe(0);
    expect(selectionSchema.safeParse({ taskSuccess: { min: 0.8, max: 0.2 } }).success).toBe(false);
  });
});
