import { describe, expect, it } from "vitest";
import { StructuredOutputError } from "../llm/errors";
import { trajectoryDocSchema } from "../trajectory/types";
import { PROMPT_VERSION, type JudgeTaskView } from "./judge-prompt";
import { judgeReplySchema, judgeRubric, rubricSettingsSchema } from "./rubric";
import { GOAL_CRITERION, rubricCriteria } from "./rubric-criteria";
import { cleanWeatherEpisode, passReply, scriptedGateway, weatherTools } from "./test-fixtures";

const doc = trajectoryDocSchema.parse({ tools: weatherTools, messages: cleanWeatherEpisode });
const task: JudgeTaskView = {
  goal: "Learn the weather in Paris",
  instruction: "",
  mode: "interactive",
  difficulty: "single_call",
  criteria: [
    { id: "uses_tool", text: "Calls get_weather for Paris", weight: 1 },
    { id: "answer", text: "States the temperature", weight: 3 },
  ],
};
const settings = (over: object = {}) => rubricSettingsSchema.parse(over);

describe("rubric criteria", () => {
  it("reads lists of strings, lists of objects and objects of lists; a rubric without criteria judges the goal", () => {
    expect(rubricCriteria(["Be polite", "Answer"])).toEqual([
      { id: "c1", text: "Be polite", weight: 1 },
      { id: "c2", text: "Answer", weight: 1 },
    ]);
    expect(rubricCriteria([{ id: 7, description: "Cites sources", weight: 2 }, { nonsense: true }])).toEqual([{ id: "7", text: "Cites sources", weight: 2 }]);
    expect(rubricCriteria({ successCriteria: ["Books the flight"], checkpoints: [{ name: "confirms", text: "Confirms dates" }] })).toEqual([
      { id: "c1", text: "Books the flight", weight: 1 },
      { id: "confirms", text: "Confirms dates", weight: 1 },
    ]);
    expect(rubricCriteria([])).toEqual([GOAL_CRITERION]);
    expect(rubricCriteria(null)).toEqual([GOAL_CRITERION]);
  });
});

describe("rubric judge", () => {
  it("sends the rubric ids and numbered steps and normalises 1–5 scores into a weighted score", async () => {
    const { gateway, calls } = scriptedGateway(() => ({
      criteria: [
        { id: "uses_tool", score: 5, justification: "called it", steps: [1] },
        { id: "answer", score: 3, justification: "vague", steps: [3] },
      ],
      verdict: "pass",
      confidence: 0.8,
    }));
    const layer = await judgeRubric(gateway, { task, doc, settings: settings() }, { runId: "r1", trajectoryId: "t1" });
    const prompt = calls[0].messages.map((m) => m.content).join("\n");
    expect(prompt).toContain('id "uses_tool"');
    expect(prompt).toContain("[1] assistant: → call get_weather");
    expect(prompt).toContain("send_fax (not relevant");
    expect(calls[0]).toMatchObject({ runId: "r1", trajectoryId: "t1", seed: 0 });
    expect(layer).toMatchObject({
      status: "judged",
      verdict: "pass",
      confidence: 0.8,
      agreement: 1,
      promptVersion: PROMPT_VERSION,
      model: "scripted-judge",
      costUsd: 0.001,
    });
    expect(layer.criteria.map((c) => [c.id, c.score, c.steps])).toEqual([
      ["uses_tool", 1, [1]],
      ["answer", 0.5, [3]],
    ]);
    expect(layer.score).toBeCloseTo((1 * 1 + 3 * 0.5) / 4);
  });

  it("matches criteria by id ignoring case, then by position; an unscored criterion counts 0; steps outside the episode are dropped", async () => {
    const { gateway } = scriptedGateway(() => ({
      criteria: [
        { id: "something else", score: 0.4, justification: "meh", steps: [2, 99, 2] },
        { id: "ANSWER", score: 1, justification: "yes", steps: [] },
      ],
      verdict: "fail",
      confidence: 0.5,
    }));
    const layer = await judgeRubric(gateway, { task, doc, settings: settings({ scale: "0-1" }) }, {});
    expect(layer.criteria).toMatchObject([
      { id: "uses_tool", score: 0.4, steps: [2], scored: true },
      { id: "answer", score: 1, scored: true },
    ]);
    const { gateway: sparse } = scriptedGateway(() => ({
      criteria: [{ id: "answer", score: 5, justification: "ok", steps: [] }],
      verdict: "pass",
      confidence: 1,
    }));
    const partial = await judgeRubric(sparse, { task, doc, settings: settings() }, {});
    expect(partial.criteria[0]).toMatchObject({ id: "uses_tool", score: 0, scored: false });
    expect(partial.score).toBeCloseTo(0.75);
  });

  it("the reply schema refuses malformed replies: out-of-range scores, no verdict, no criteria", () => {
    const schema = judgeReplySchema("1-5");
    expect(schema.safeParse(passReply()).success).toBe(true);
    expect(schema.safeParse({ ...passReply(), verdict: "maybe" }).success).toBe(false);
    expect(schema.safeParse({ ...passReply(), confidence: 2 }).success).toBe(false);
    expect(schema.safeParse({ criteria: [], verdict: "pass", confidence: 1 }).success).toBe(false);
    expect(schema.safeParse(passReply(["x"], 9)).success).toBe(false);
    expect(judgeReplySchema("0-1").safeParse(passReply(["x"], 5)).success).toBe(false);
  });

  it("a judge that never gives a valid reply makes the layer an error, not a verdict", async () => {
    const { gateway } = scriptedGateway(() => ({ criteria: "lots", verdict: "pass" }));
    const layer = await judgeRubric(gateway, { task, doc, settings: settings() }, {});
    expect(layer).toMatchObject({ status: "error", verdict: null, score: null, criteria: [] });
    expect(layer.error).toMatch(/no usable reply.*validation/);
  });

  it("a judge that failed says where its failure came from, by the error's class", async () => {
    const invalid = scriptedGateway(() => new StructuredOutputError("judge", "rubric_judgement", 3, "verdict: invalid", "{}")).gateway;
    expect(await judgeRubric(invalid, { task, doc, settings: settings() }, {})).toMatchObject({ status: "error", errorOrigin: "model" });
    const plain = scriptedGateway(() => new Error("something else")).gateway;
    expect(await judgeRubric(plain, { task, doc, settings: settings() }, {})).toMatchObject({ status: "error", errorOrigin: "work" });
  });

  it("self-consistency: distinct seeds, majority verdict, agreement and averaged scores", async () => {
    const verdicts = ["pass", "fail", "pass"];
    const { gateway, calls } = scriptedGateway(({ seed }) => ({
      criteria: [
        { id: "uses_tool", score: 5, justification: `seed ${seed}`, steps: [1] },
        { id: "answer", score: seed === 8 ? 1 : 5, justification: `seed ${seed}`, steps: [3] },
      ],
      verdict: verdicts[seed - 7],
      confidence: seed === 8 ? 0.2 : 0.9,
    }));
    const layer = await judgeRubric(gateway, { task, doc, settings: settings({ samples: 3, seed: 7, temperature: 0.7 }) }, {});
    expect(calls.map((c) => c.seed).sort()).toEqual([7, 8, 9]);
    expect(layer.verdict).toBe("pass");
    expect(layer.agreement).toBeCloseTo(2 / 3);
    expect(layer.confidence).toBeCloseTo(0.9);
    expect(layer.criteria[1].score).toBeCloseTo(2 / 3);
    expect(layer.criteria[1].justification).toBe("seed 7");
    expect(layer.samples.map((s) => s.verdict)).toEqual(["pass", "fail", "pass"]);
    expect(layer.costUsd).toBeCloseTo(0.003);
  });

  it("a tie between samples fails, and a failed sample leaves the others counting", async () => {
    const { gateway } = scriptedGateway(({ seed }) =>
      seed === 2 ? new Error("timeout") : { ...passReply(["uses_tool", "answer"]), verdict: seed === 0 ? "pass" : "fail" },
    );
    const layer = await judgeRubric(gateway, { task, doc, settings: settings({ samples: 3 }) }, {});
    expect(layer).toMatchObject({ status: "judged", verdict: "fail", agreement: 0.5 });
    expect(layer.error).toMatch(/1 of 3 samples failed: timeout/);
  });
});
