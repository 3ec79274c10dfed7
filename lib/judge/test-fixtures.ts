import type { z } from "zod";
import type { Db, Prisma } from "../db/client";
import { saveTrajectory } from "../trajectory/store";
import { trajectoryDocSchema, type StepInput } from "../trajectory/types";
import type { JudgeGateway, JudgeMessage } from "./gateway";

// Shared by the judge's tests: a scriptable judge gateway and small worlds in the database.

export type ScriptedReply = unknown | Error;

/** A gateway whose `judge` replies come from `reply`; each reply is validated with the requested schema, as the real gateway does. */
export function scriptedGateway(reply: (call: { messages: JudgeMessage[]; seed: number; index: number }) => ScriptedReply, costUsd = 0.001) {
  const calls: { messages: JudgeMessage[]; seed: number; runId?: string; trajectoryId?: string }[] = [];
  const gateway: JudgeGateway = {
    info: async () => ({ provider: "openai", model: "scripted-judge" }),
    async structured<S extends z.ZodType>(
      _role: "judge",
      request: { messages: JudgeMessage[]; schema: S },
      ctx: { seed?: number; runId?: string; trajectoryId?: string },
    ) {
      const seed = ctx.seed ?? 0;
      calls.push({ messages: request.messages, seed, runId: ctx.runId, trajectoryId: ctx.trajectoryId });
      const raw = reply({ messages: request.messages, seed, index: calls.length - 1 });
      if (raw instanceof Error) throw raw;
      const parsed = request.schema.safeParse(raw);
      if (!parsed.success) throw new Error(`structured output failed validation after retries: ${parsed.error.issues[0]?.message}`);
      return {
        value: parsed.data as z.output<S>,
        model: "scripted-judge",
        provider: "openai" as const,
        usage: { promptTokens: 100, completionTokens: 20 },
        costUsd,
        cached: false,
      };
    },
  };
  return { gateway, calls };
}

export const passReply = (ids: string[] = ["goal"], score = 5) => ({
  criteria: ids.map((id) => ({ id, score, justification: `${id} was met`, steps: [1, 3] })),
  verdict: "pass",
  confidence: 0.9,
});

export const weatherTools = [
  {
    name: "get_weather",
    description: "Weather for a city",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
    role: "core",
  },
  { name: "send_fax", description: "Sends a fax", parameters: { type: "object", properties: {} }, role: "distractor" },
];

export const cleanWeatherEpisode: StepInput[] = [
  { role: "user", content: "What's the weather in Paris?" },
  { role: "assistant", content: null, toolCalls: [{ id: "c1", name: "get_weather", arguments: { city: "Paris" } }] },
  { role: "tool", content: '{"temp":21}', toolCallId: "c1", toolName: "get_weather" },
  { role: "assistant", content: "It is 21°C in Paris." },
];

/** An agent and a task for it; returns their ids. */
export async function seedTask(db: Db, task: Partial<Prisma.TaskUncheckedCreateInput> = {}) {
  const agent = await db.agent.create({ data: { name: "Weather", systemPrompt: "You help with weather.", toolSetHash: `h-${Math.random()}` } });
  const created = await db.task.create({
    data: {
      agentId: agent.id,
      goal: "Learn the weather in Paris",
      instruction: "",
      difficulty: "single_call",
      rubric: [{ id: "answer", criterion: "States the temperature the tool returned" }],
      requiredTools: ["get_weather"],
      forbiddenTools: [],
      ...task,
    },
  });
  return { agentId: agent.id, taskId: created.id };
}

export async function seedTrajectory(
  db: Db,
  ids: { agentId?: string; taskId?: string; runId?: string },
  messages: StepInput[] = cleanWeatherEpisode,
  endReason = "agent_finished",
) {
  const doc = trajectoryDocSchema.parse({ tools: weatherTools, messages });
  return saveTrajectory(db, doc, { ...ids, endReason });
}
