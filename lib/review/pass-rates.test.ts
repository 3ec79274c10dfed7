import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import type { Verdict } from "../db/client";
import { refreshVerdicts } from "../trajectory/verdict";
import { parseListFilter } from "./filter";
import { listTrajectories } from "./list";
import { EMPTY_PASS_RATE, passRatesByAgent, passRatesByTask, passRatesByTool } from "./pass-rates";
import { makeAgentWorld, makeTrajectory, makeUser } from "./test-fixtures";

describe("pass rates per agent, task and tool", () => {
  let t: TestDb;
  let a: Awaited<ReturnType<typeof makeAgentWorld>>;
  let b: Awaited<ReturnType<typeof makeAgentWorld>>;
  let idle: Awaited<ReturnType<typeof makeAgentWorld>>;
  let secondTaskOfA: string;
  let shared: string;

  beforeAll(async () => {
    t = await createTestDb();
    [a, b, idle] = [await makeAgentWorld(t.db), await makeAgentWorld(t.db), await makeAgentWorld(t.db)];
    secondTaskOfA = (await t.db.task.create({ data: { agentId: a.agent.id, goal: "Weather in Rome", instruction: "Ask", difficulty: "multi_step" } })).id;
    // a tool offered to A as a core tool and to B as a distractor
    shared = (await t.db.tool.create({ data: { origin: "synthetic", key: "shared-tool", name: "get_time", specHash: "h-shared" } })).id;
    await t.db.agentTool.createMany({
      data: [
        { agentId: a.agent.id, toolId: shared, role: "core" },
        { agentId: b.agent.id, toolId: shared, role: "distractor" },
      ],
    });

    const reviewer = await makeUser(t.db);
    const trajectory = async (agentId: string, taskId: string, judge: Verdict | null, human: Verdict | null) => {
      const id = await makeTrajectory(t.db, {
        judge: judge ? { verdict: judge, score: judge === "accepted" ? 0.9 : 0.2 } : undefined,
        row: { agentId, taskId },
      });
      if (human) {
        await t.db.review.create({ data: { trajectoryId: id, reviewerId: reviewer.id, verdict: human } });
        await refreshVerdicts(t.db, id);
      }
    };
    await trajectory(a.agent.id, a.task.id, "accepted", null); // accepted by the judge
    await trajectory(a.agent.id, a.task.id, "rejected", "accepted"); // a person overturned a rejection
    await trajectory(a.agent.id, a.task.id, "accepted", "rejected"); // a person overturned an acceptance
    await trajectory(a.agent.id, secondTaskOfA, "rejected", null);
    await trajectory(a.agent.id, secondTaskOfA, null, null); // not decided yet
    await trajectory(b.agent.id, b.task.id, null, "accepted"); // labelled without a judgement
    await trajectory(b.agent.id, b.task.id, "accepted", null);
    await makeTrajectory(t.db, { judge: { verdict: "accepted", score: 1 } }); // imported: no agent, no task
  });

  it("counts per agent: accepted over decided, where decided is judged or reviewed", async () => {
    const rates = await passRatesByAgent(t.db, [a.agent.id, b.agent.id, idle.agent.id]);
    expect(rates[a.agent.id]).toEqual({ trajectories: 5, judged: 4, reviewed: 2, decided: 4, accepted: 2, rate: 0.5 });
    expect(rates[b.agent.id]).toEqual({ trajectories: 2, judged: 1, reviewed: 1, decided: 2, accepted: 2, rate: 1 });
    expect(rates[idle.agent.id]).toEqual(EMPTY_PASS_RATE);
    expect(rates[idle.agent.id].rate).toBeNull();
    expect(await passRatesByAgent(t.db, [])).toEqual({});
  });

  it("counts per task", async () => {
    const rates = await passRatesByTask(t.db, [a.task.id, secondTaskOfA, b.task.id, idle.task.id, a.task.id]);
    expect(rates[a.task.id]).toEqual({ trajectories: 3, judged: 3, reviewed: 2, decided: 3, accepted: 2, rate: 2 / 3 });
    expect(rates[secondTaskOfA]).toEqual({ trajectories: 2, judged: 1, reviewed: 0, decided: 1, accepted: 0, rate: 0 });
    expect(rates[b.task.id]).toEqual({ trajectories: 2, judged: 1, reviewed: 1, decided: 2, accepted: 2, rate: 1 });
    expect(rates[idle.task.id]).toEqual(EMPTY_PASS_RATE);
    expect(Object.keys(rates)).toHaveLength(4);
  });

  it("counts per tool over the trajectories of every agent it is offered to, core or distractor", async () => {
    const rates = await passRatesByTool(t.db, [a.tool.id, b.distractor.id, shared, idle.tool.id, "no-such-tool"]);
    expect(rates[a.tool.id]).toEqual({ trajectories: 5, judged: 4, reviewed: 2, decided: 4, accepted: 2, rate: 0.5 });
    expect(rates[b.distractor.id]).toEqual({ trajectories: 2, judged: 1, reviewed: 1, decided: 2, accepted: 2, rate: 1 });
    expect(rates[shared]).toEqual({ trajectories: 7, judged: 5, reviewed: 3, decided: 6, accepted: 4, rate: 4 / 6 });
    expect(rates[idle.tool.id]).toEqual(EMPTY_PASS_RATE);
    expect(rates["no-such-tool"]).toEqual(EMPTY_PASS_RATE);
  });

  it("links to trajectory lists holding exactly the counted trajectories", async () => {
    const count = async (query: string) => (await listTrajectories(t.db, parseListFilter(query))).total;
    expect(await count(`agentId=${a.agent.id}`)).toBe(5);
    expect(await count(`taskId=${a.task.id}`)).toBe(3);
    expect(await count(`toolId=${shared}`)).toBe(7);
    expect(await count(`toolId=${shared}&verdict=accepted`)).toBe(4);
  });
});
