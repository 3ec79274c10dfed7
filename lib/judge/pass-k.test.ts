import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { listTasks, taskFilterSchema } from "../synthesis/queries";
import { pageByPassK, passHatK, passKByTask, taskIdsBySuccessRate, taskIdsSolved, taskPassK } from "./pass-k";
import { workspaceReport } from "./report";

describe("pass^k", () => {
  it("is C(c,k)/C(n,k) on known outcomes", () => {
    // 4 episodes, 2 successes: 1/2, then 1/6 (one pair of six), then 0
    expect(passHatK(4, 2, 1)).toBe(0.5);
    expect(passHatK(4, 2, 2)).toBeCloseTo(1 / 6, 12);
    expect(passHatK(4, 2, 3)).toBe(0);
    expect(passHatK(3, 3, 3)).toBe(1);
    expect(passHatK(2, 1, 3)).toBeNull();
  });

  describe("per task from the database", () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await createTestDb();
    });

    it("counts judged episodes, leaves out infrastructure failures, and flags tasks never or always solved", async () => {
      const agent = await t.db.agent.create({ data: { name: "a", systemPrompt: "p", toolSetHash: `h${Math.random()}` } });
      const task = (goal: string) => t.db.task.create({ data: { agentId: agent.id, goal, instruction: goal, difficulty: "single_call" } });
      const [mixed, never, always] = await Promise.all([task("mixed"), task("never"), task("always")]);
      const episodes = (taskId: string, verdicts: ("accepted" | "rejected" | null)[], blame: "infrastructure" | "agent" | null = null) =>
        t.db.trajectory.createMany({ data: verdicts.map((v) => ({ taskId, effectiveVerdict: v, judgeVerdict: v, blame: v === "rejected" ? blame : null })) });
      await episodes(mixed.id, ["accepted", "accepted", "rejected", "rejected", null]);
      await episodes(mixed.id, ["rejected", "rejected"], "infrastructure");
      await episodes(never.id, ["rejected", "rejected"], "agent");
      await episodes(always.id, ["accepted"]);
      const byTask = new Map((await taskPassK(t.db, 3)).map((r) => [r.taskId, r]));
      expect(byTask.get(mixed.id)).toMatchObject({ n: 4, successes: 2, flag: null });
      expect(byTask.get(mixed.id)!.passAtK[0]).toBe(0.5);
      expect(byTask.get(mixed.id)!.passAtK[1]).toBeCloseTo(1 / 6, 12);
      expect(byTask.get(never.id)).toMatchObject({ flag: "never_solved", passAtK: [0, 0, null] });
      expect(byTask.get(always.id)).toMatchObject({ flag: "always_solved", passAtK: [1, null, null] });

      const report = JSON.parse(JSON.stringify(await workspaceReport(t.db, { k: 2 })));
      expect(report.trajectories.by_effective_verdict).toEqual({ accepted: 3, rejected: 6, none: 1 });
      expect(report.trajectories.by_blame).toEqual({ agent: 2, user_simulator: 0, tool_simulator: 0, task: 0, infrastructure: 2 });
      expect(report.tasks).toMatchObject({ k: 2, judged: 3, never_solved: 1, always_solved: 1 });
      expect(report.tasks.mean_pass_at_k[0]).toBeCloseTo((0.5 + 0 + 1) / 3, 12);
      expect(report.tasks.mean_pass_at_k[1]).toBeCloseTo((1 / 6 + 0) / 2, 12);
      expect(report.tasks.per_task.find((r: { task_id: string }) => r.task_id === mixed.id)).toMatchObject({ episodes: 4, successes: 2 });
    });

    it("gives each task pass^1 to pass^n over its own judged episodes, and finds tasks by how often they are solved", async () => {
      const agent = await t.db.agent.create({ data: { name: "b", systemPrompt: "p", toolSetHash: `h${Math.random()}` } });
      const task = (goal: string) => t.db.task.create({ data: { agentId: agent.id, goal, instruction: goal, difficulty: "single_call" } });
      const [third, never, always, unjudged] = await Promise.all([task("a third"), task("never"), task("always"), task("unjudged")]);
      const episodes = (taskId: string, verdicts: ("accepted" | "rejected" | null)[]) =>
        t.db.trajectory.createMany({
          data: verdicts.map((v) => ({ taskId, effectiveVerdict: v, judgeVerdict: v, blame: v === "rejected" ? ("agent" as const) : null })),
        });
      await episodes(third.id, ["accepted", "rejected", "rejected"]);
      await episodes(never.id, ["rejected"]);
      await episodes(always.id, ["accepted", "accepted"]);
      await episodes(unjudged.id, [null]);

      const byTask = await passKByTask(t.db, [third.id, never.id, always.id, unjudged.id]);
      expect(byTask[third.id].passAtK).toEqual([1 / 3, 0, 0]);
      expect(byTask[always.id]).toMatchObject({ passAtK: [1, 1], flag: "always_solved" });
      expect(byTask[never.id]).toMatchObject({ passAtK: [0], flag: "never_solved" });
      expect(byTask[unjudged.id]).toBeUndefined();
      expect(await passKByTask(t.db, [])).toEqual({});

      const mine = (ids: string[]) => ids.filter((id) => [third.id, never.id, always.id, unjudged.id].includes(id)).sort();
      expect(mine(await taskIdsSolved(t.db, "never"))).toEqual([never.id]);
      expect(mine(await taskIdsSolved(t.db, "sometimes"))).toEqual([third.id]);
      expect(mine(await taskIdsSolved(t.db, "always"))).toEqual([always.id]);
      expect(mine(await taskIdsBySuccessRate(t.db, 0.2, 0.5))).toEqual([third.id]);
      expect(mine(await taskIdsBySuccessRate(t.db, 0, 1))).toEqual([third.id, never.id, always.id].sort());
    });

    it("orders the Tasks page by pass^k in the database, tasks without k judged episodes last, and pages through that order", async () => {
      const agent = await t.db.agent.create({ data: { name: "c", systemPrompt: "p", toolSetHash: `h${Math.random()}` } });
      const task = (goal: string) => t.db.task.create({ data: { agentId: agent.id, goal, instruction: goal, difficulty: "single_call" } });
      const [half, twoThirds, one, single, none] = await Promise.all([task("half"), task("two thirds"), task("one"), task("single"), task("none")]);
      const episodes = (taskId: string, verdicts: ("accepted" | "rejected")[]) =>
        t.db.trajectory.createMany({ data: verdicts.map((v) => ({ taskId, effectiveVerdict: v, judgeVerdict: v, endReason: "agent_finished" })) });
      await episodes(half.id, ["accepted", "rejected"]); // pass^1 1/2, pass^2 0
      await episodes(twoThirds.id, ["accepted", "accepted", "rejected"]); // pass^1 2/3, pass^2 1/3
      await episodes(one.id, ["accepted", "accepted"]); // pass^1 1, pass^2 1
      await episodes(single.id, ["accepted"]); // pass^1 1, no pass^2

      const sorted = async (k: number, dir: "asc" | "desc", page = 1) =>
        (await listTasks(t.db, taskFilterSchema.parse({ agentId: agent.id, sort: "passK", k: String(k), dir, page: String(page) }))).rows.map((r) => r.goal);
      expect(await sorted(1, "asc")).toEqual(["half", "two thirds", "one", "single", "none"]);
      expect(await sorted(2, "asc")).toEqual(["half", "two thirds", "one", "single", "none"]);
      expect(await sorted(2, "desc")).toEqual(["one", "two thirds", "half", "single", "none"]);
      // ties on pass^1 break on more judged episodes first
      expect((await sorted(1, "desc")).slice(0, 2)).toEqual(["one", "single"]);
      expect(await pageByPassK(t.db, [half.id, one.id, none.id], { k: 1, dir: "desc", skip: 1, take: 1 })).toEqual([half.id]);
    });
  });
});
