import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { listWhere, parseListFilter } from "./filter";
import { listFilterOptions, listTrajectories } from "./list";
import { makeAgentWorld, makeTrajectory, makeUser } from "./test-fixtures";

describe("trajectory list", () => {
  let t: TestDb;
  const ids: Record<string, string> = {};
  let world: Awaited<ReturnType<typeof makeAgentWorld>>;
  let other: Awaited<ReturnType<typeof makeAgentWorld>>;

  beforeAll(async () => {
    t = await createTestDb();
    world = await makeAgentWorld(t.db, { difficulty: "single_call", categoryName: "Weather" });
    other = await makeAgentWorld(t.db, { difficulty: "multi_step", categoryName: "Finance" });
    const run = await t.db.run.create({ data: { kind: "simulate" } });
    const reviewer = await makeUser(t.db);
    const base = (w: typeof world) => ({ agentId: w.agent.id, taskId: w.task.id });
    const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 0, minutes));
    ids.good = await makeTrajectory(t.db, {
      judge: { verdict: "accepted", score: 0.9 },
      row: { ...base(world), model: "m-large", createdAt: at(1), runId: run.id, tags: ["gold"] },
    });
    ids.bad = await makeTrajectory(t.db, {
      judge: { verdict: "rejected", score: 0.2, confidence: 0.4 },
      row: { ...base(world), model: "m-small", createdAt: at(2), protocol: "react" },
    });
    ids.overridden = await makeTrajectory(t.db, {
      judge: { verdict: "accepted", score: 0.7 },
      row: { ...base(other), model: "m-small", createdAt: at(3), environment: "math" },
    });
    await t.db.review.create({ data: { trajectoryId: ids.overridden, reviewerId: reviewer.id, verdict: "rejected" } });
    const { refreshVerdicts } = await import("../trajectory/verdict");
    await refreshVerdicts(t.db, ids.overridden);
    ids.unjudged = await makeTrajectory(t.db, {
      text: "How is the Zanzibar stock doing?",
      row: { ...base(other), model: "m-large", createdAt: at(4) },
      steps: [
        { role: "user", content: "How is the Zanzibar stock doing?" },
        {
          role: "assistant",
          toolCalls: [{ id: "c", name: "get_stock", arguments: { symbol: "ZNZ" } }],
          violations: [{ code: "distractor", message: "called a distractor" }],
        },
        { role: "tool", content: "timeout", toolCallId: "c", toolName: "get_stock", isError: true, injectedFailure: "timeout" },
        { role: "assistant", content: "I could not reach the stock service." },
      ],
    });
    ids.orphan = await makeTrajectory(t.db, { row: { createdAt: at(5), model: "imported-model", imported: true } });
  });

  const find = async (query: string) => (await listTrajectories(t.db, parseListFilter(query))).rows.map((r) => r.id);
  const expectIds = async (query: string, keys: string[]) => expect(new Set(await find(query))).toEqual(new Set(keys.map((k) => ids[k])));

  it("lists newest first by default and counts every match", async () => {
    const { rows, total } = await listTrajectories(t.db, parseListFilter(""));
    expect(total).toBe(5);
    expect(rows.map((r) => r.id)).toEqual([ids.orphan, ids.unjudged, ids.overridden, ids.bad, ids.good]);
    expect(rows.find((r) => r.id === ids.good)).toMatchObject({
      agent: { name: world.agent.name },
      task: { difficulty: "single_call" },
      judgeScore: 0.9,
      tags: ["gold"],
    });
  });

  it("filters by effective, judge and human verdicts, including their absence", async () => {
    await expectIds("verdict=accepted", ["good"]);
    await expectIds("verdict=rejected", ["bad", "overridden"]);
    await expectIds("verdict=none", ["unjudged", "orphan"]);
    await expectIds("judge=accepted", ["good", "overridden"]);
    await expectIds("judge=any", ["good", "bad", "overridden"]);
    await expectIds("human=rejected", ["overridden"]);
    await expectIds("human=none&judge=any", ["good", "bad"]);
    await expectIds("disagree=yes", ["overridden"]);
  });

  it("filters by score range and judge confidence", async () => {
    await expectIds("minScore=0.5", ["good", "overridden"]);
    await expectIds("minScore=0.5&maxScore=0.8", ["overridden"]);
    await expectIds("maxScore=0.3", ["bad"]);
    await expectIds("confidenceBelow=0.5", ["bad"]);
  });

  it("filters by agent, category of the agent's tools, a tool offered to the agent, task difficulty, protocol, environment, model and run", async () => {
    await expectIds(`agentId=${world.agent.id}`, ["good", "bad"]);
    await expectIds(`categoryId=${other.category.id}`, ["overridden", "unjudged"]);
    await expectIds("difficulty=multi_step", ["overridden", "unjudged"]);
    await expectIds("protocol=react", ["bad"]);
    await expectIds("environment=math", ["overridden"]);
    await expectIds("model=m-large", ["good", "unjudged"]);
    await expectIds(`taskId=${world.task.id}`, ["good", "bad"]);
    // a tool counts for every agent it is offered to, core or distractor
    await expectIds(`toolId=${world.tool.id}`, ["good", "bad"]);
    await expectIds(`toolId=${other.distractor.id}`, ["overridden", "unjudged"]);
    await expectIds(`toolId=${other.distractor.id}&verdict=rejected`, ["overridden"]);
    await expectIds("toolId=no-such-tool", []);
    // the plain condition (what queues use) agrees with the looked-up one
    const plain = await t.db.trajectory.findMany({ where: listWhere({ toolId: other.distractor.id }), select: { id: true } });
    expect(new Set(plain.map((r) => r.id))).toEqual(new Set([ids.overridden, ids.unjudged]));
    const run = await t.db.trajectory.findUniqueOrThrow({ where: { id: ids.good }, select: { runId: true } });
    await expectIds(`runId=${run.runId}`, ["good"]);
  });

  it("filters by violations, injected failures and tag", async () => {
    await expectIds("violations=yes", ["unjudged"]);
    await expectIds("injected=yes", ["unjudged"]);
    await expectIds("injected=no&verdict=none", ["orphan"]);
    await expectIds("tag=gold", ["good"]);
  });

  it("searches whole words and phrases in the messages, case and punctuation ignored, with filters combined", async () => {
    await expectIds("q=zanzibar", ["unjudged"]);
    await expectIds("q=SUNNY&verdict=rejected", ["bad", "overridden"]);
    await expectIds("q=nowhere-to-be-found", []);
    await expectIds(`q=${encodeURIComponent("%")}`, []); // no word at all: nothing, not everything
    await expectIds("q=sun", []); // a whole word, not a part of one
    await expectIds(`q=${encodeURIComponent("a high of")}`, ["good", "bad", "overridden", "orphan"]);
    await expectIds(`q=${encodeURIComponent("of high")}`, []); // a phrase keeps its order
    await expectIds(`q=${encodeURIComponent("forecast: sunny")}`, ["good", "bad", "overridden", "orphan"]); // inside a tool's JSON result
  });

  it("finds the same page and count whether the term is looked up in the index or walked in list order", async () => {
    for (const query of ["q=sunny", "q=sunny&sort=score&dir=asc", "q=sunny&size=25&page=1", "q=zanzibar", "q=sunny&verdict=rejected"]) {
      const looked = await listTrajectories(t.db, parseListFilter(query));
      const walked = await listTrajectories(t.db, parseListFilter(query), { commonMessages: 0 });
      expect(
        walked.rows.map((r) => r.id),
        query,
      ).toEqual(looked.rows.map((r) => r.id));
      expect({ total: walked.total, kind: walked.totalKind }, query).toEqual({ total: looked.total, kind: "exact" });
    }
  });

  it("sorts by score with unjudged last, by steps, and pages without overlap", async () => {
    expect(await find("sort=score&dir=desc")).toEqual([ids.good, ids.overridden, ids.bad, expect.any(String), expect.any(String)]);
    expect((await find("sort=score&dir=asc")).slice(0, 3)).toEqual([ids.bad, ids.overridden, ids.good]);
    const page1 = await find("size=25&sort=cost&page=1");
    expect(page1).toHaveLength(5);
    const a = await listTrajectories(t.db, { ...parseListFilter(""), size: 2 as 25, page: 1 });
    const b = await listTrajectories(t.db, { ...parseListFilter(""), size: 2 as 25, page: 2 });
    const c = await listTrajectories(t.db, { ...parseListFilter(""), size: 2 as 25, page: 3 });
    const all = [...a.rows, ...b.rows, ...c.rows].map((r) => r.id);
    expect(new Set(all).size).toBe(5);
  });

  it("offers the agents, categories, models and tags that exist", async () => {
    const o = await listFilterOptions(t.db);
    expect(o.agents.map((a) => a.id).sort()).toEqual([world.agent.id, other.agent.id].sort());
    expect(o.models).toEqual(["imported-model", "m-large", "m-small"]);
    expect(o.tags).toEqual(["gold"]);
    expect(o.categories.map((c) => c.name)).toEqual(["Finance", "Weather"]);
  });
});
