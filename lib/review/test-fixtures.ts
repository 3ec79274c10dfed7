import type { Db, Prisma, Verdict } from "../db/client";
import { saveTrajectory, type TrajectoryRowInput } from "../trajectory/store";
import { trajectoryDocSchema, type StepInput } from "../trajectory/types";
import { refreshVerdicts } from "../trajectory/verdict";

// Small worlds for the review tests: an agent with a core and a distractor
// tool in a category, a task with a rubric, and trajectories made to order.

let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;

export const WEATHER_TOOL = {
  name: "get_weather",
  description: "Weather for a city",
  parameters: { type: "object", properties: { city: { type: "string" }, days: { type: "integer", minimum: 1 } }, required: ["city"] },
  role: "core" as const,
};
export const STOCKS_TOOL = {
  name: "get_stock",
  description: "A stock price",
  parameters: { type: "object", properties: { symbol: { type: "string" } }, required: ["symbol"] },
  role: "distractor" as const,
};

export async function makeUser(db: Db, role: "admin" | "reviewer" | "viewer" = "reviewer") {
  const id = unique("user");
  return db.user.create({ data: { id, name: `Reviewer ${id}`, email: `${id}@studio.test`, role } });
}

export async function makeAgentWorld(db: Db, opts: { difficulty?: Prisma.TaskCreateInput["difficulty"]; categoryName?: string } = {}) {
  const category = await db.category.create({ data: { name: opts.categoryName ?? unique("weather") } });
  const tool = await db.tool.create({
    data: {
      origin: "synthetic",
      key: unique("tool"),
      name: WEATHER_TOOL.name,
      specHash: unique("h"),
      inputSchema: WEATHER_TOOL.parameters,
      categoryId: category.id,
    },
  });
  const distractor = await db.tool.create({
    data: { origin: "synthetic", key: unique("tool"), name: STOCKS_TOOL.name, specHash: unique("h"), inputSchema: STOCKS_TOOL.parameters },
  });
  const agent = await db.agent.create({
    data: {
      name: unique("Weather agent"),
      systemPrompt: "You answer weather questions.",
      toolSetHash: unique("set"),
      tools: {
        create: [
          { toolId: tool.id, role: "core" },
          { toolId: distractor.id, role: "distractor" },
        ],
      },
    },
  });
  const task = await db.task.create({
    data: {
      agentId: agent.id,
      goal: "Learn tomorrow's weather in Paris",
      instruction: "Ask about the weather",
      difficulty: opts.difficulty ?? "single_call",
      rubric: [
        { id: "answered", description: "Gives the forecast", weight: 2, kind: "success" },
        { id: "used_weather", description: "Calls get_weather", weight: 1, kind: "tool_use", tools: ["get_weather"], expect: "called" },
      ],
    },
  });
  return { category, tool, distractor, agent, task };
}

export type TrajectorySpec = {
  text?: string;
  judge?: { verdict: Verdict; score: number; confidence?: number; rubric?: Prisma.InputJsonValue; rules?: Prisma.InputJsonValue };
  steps?: StepInput[];
  row?: TrajectoryRowInput;
};

/** An ended trajectory with a user question, a weather call, its result and an answer; judged when `judge` is given. */
export async function makeTrajectory(db: Db, spec: TrajectorySpec = {}): Promise<string> {
  const doc = trajectoryDocSchema.parse({
    tools: [WEATHER_TOOL, STOCKS_TOOL],
    messages: spec.steps ?? [
      { role: "user", content: spec.text ?? "What is the weather in Paris tomorrow?" },
      {
        role: "assistant",
        content: null,
        toolCalls: [{ id: "c1", name: "get_weather", arguments: { city: "Paris", days: 1 } }],
        promptTokens: 20,
        completionTokens: 8,
        latencyMs: 300,
        costUsd: 0.001,
      },
      { role: "tool", content: '{"forecast":"sunny","high":21}', toolCallId: "c1", toolName: "get_weather" },
      { role: "assistant", content: "Tomorrow will be sunny with a high of 21°C.", promptTokens: 40, completionTokens: 12, latencyMs: 200, costUsd: 0.002 },
    ],
  });
  // an ended episode unless the spec says otherwise: the list, judge and export see only those
  const id = await saveTrajectory(db, doc, { endReason: "agent_finished", ...spec.row });
  if (spec.judge) {
    await db.judgement.create({
      data: {
        trajectoryId: id,
        verdict: spec.judge.verdict,
        score: spec.judge.score,
        confidence: spec.judge.confidence ?? 0.9,
        rules: spec.judge.rules ?? [],
        rubric: spec.judge.rubric,
        judgeModel: "offline",
        promptVersion: "test",
        configHash: "test-config",
      },
    });
    await refreshVerdicts(db, id);
  }
  return id;
}
