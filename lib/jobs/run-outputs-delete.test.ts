import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { deleteRunOutputs, planRunOutputDeletion } from "./run-outputs-delete";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});

describe("deleting a run's outputs", () => {
  it("takes only what nothing stands on, records who and why, and refuses a run still going", async () => {
    const reviewer = await t.db.user.create({ data: { id: "u-rev", name: "Rev", email: "rev@x.io", role: "reviewer" } });
    const synth = await t.db.run.create({ data: { kind: "synthesize_tasks", status: "succeeded" } });
    const sim = await t.db.run.create({ data: { kind: "simulate", status: "running" } });
    const agent = await t.db.agent.create({ data: { name: "A", systemPrompt: "s", toolSetHash: "h1" } });
    const lonely = await t.db.agent.create({ data: { name: "Lonely", systemPrompt: "s", toolSetHash: "h2", runId: synth.id } });
    const used = await t.db.task.create({ data: { agentId: agent.id, goal: "used", instruction: "i", difficulty: "single_call", runId: synth.id } });
    const unused = await t.db.task.create({ data: { agentId: agent.id, goal: "unused", instruction: "i", difficulty: "single_call", runId: synth.id } });
    const episode = (extra = {}) => t.db.trajectory.create({ data: { runId: sim.id, taskId: used.id, agentId: agent.id, endReason: "done", ...extra } });
    const plain = await episode();
    const reviewed = await episode();
    await t.db.review.create({ data: { trajectoryId: reviewed.id, reviewerId: reviewer.id, verdict: "accepted" } });
    const forked = await episode();
    await episode({ parentId: forked.id, runId: null });
    const compared = await episode();
    await t.db.preference.create({ data: { aId: compared.id, bId: plain.id, choice: "a", reason: "better", reviewerId: reviewer.id } });
    const free = await episode();
    await t.db.judgement.create({ data: { trajectoryId: free.id, verdict: "rejected", score: 0, judgeModel: "m", promptVersion: "v", configHash: "c" } });

    expect(await deleteRunOutputs(t.db, sim.id, { name: "Ada", reason: "bad prompt" })).toMatchObject({ ok: false });
    await t.db.run.update({ where: { id: sim.id }, data: { status: "succeeded" } });

    const plan = await planRunOutputDeletion(t.db, sim.id);
    // plain and compared are in a preference, reviewed has a review, forked has a fork: only `free` goes
    expect(plan).toMatchObject({ ended: true, deletable: { trajectories: 1, tasks: 0, agents: 0 }, kept: [{ kind: "trajectories", count: 4 }] });
    expect(await deleteRunOutputs(t.db, sim.id, { name: "Ada", reason: "bad prompt" }, new Date("2026-12-06T00:00:00Z"))).toEqual({
      ok: true,
      deleted: { trajectories: 1, tasks: 0, agents: 0 },
    });
    expect(await t.db.trajectory.findUnique({ where: { id: free.id } })).toBeNull();
    expect(await t.db.judgement.count({ where: { trajectoryId: free.id } })).toBe(0);
    expect(await t.db.trajectory.count({ where: { id: { in: [plain.id, reviewed.id, forked.id, compared.id] } } })).toBe(4);
    expect((await t.db.run.findUniqueOrThrow({ where: { id: sim.id } })).outputsDeleted).toEqual([
      { at: "2026-12-06T00:00:00.000Z", by: "Ada", reason: "bad prompt", deleted: { trajectories: 1, tasks: 0, agents: 0 } },
    ]);

    // the task run: the task with episodes and the agent with tasks stay
    expect(await deleteRunOutputs(t.db, synth.id, { name: "Ada", reason: "retry with new rubric" })).toEqual({
      ok: true,
      deleted: { trajectories: 0, tasks: 1, agents: 1 },
    });
    expect(await t.db.task.findUnique({ where: { id: unused.id } })).toBeNull();
    expect(await t.db.task.findUnique({ where: { id: used.id } })).not.toBeNull();
    expect(await t.db.agent.findUnique({ where: { id: lonely.id } })).toBeNull();
  });
});
