import { randomUUID } from "node:crypto";
import type { Db, Prisma } from "../db/client";

// Synthetic trajectories written straight into the database for the judge's
// benchmark: a clean episode, one breaking rules, and a math episode, in
// turn, so every layer does its real work. Each names its own ticket, so no
// two prompts are alike and the response cache answers none of them.

const tools = [
  {
    name: "get_weather",
    description: "Current weather for a city",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
    role: "core",
  },
  {
    name: "get_forecast",
    description: "Forecast for the next days",
    parameters: { type: "object", properties: { city: { type: "string" }, days: { type: "integer", minimum: 1, maximum: 10 } }, required: ["city"] },
    role: "core",
  },
  {
    name: "calculator",
    description: "Evaluates an arithmetic expression",
    parameters: { type: "object", properties: { expression: { type: "string" } }, required: ["expression"] },
    role: "core",
  },
  { name: "send_fax", description: "Sends a fax", parameters: { type: "object", properties: { to: { type: "string" } } }, role: "distractor" },
];

type Msg = Omit<Prisma.MessageCreateManyInput, "trajectoryId" | "index">;

function episode(kind: number, i: number): { messages: Msg[]; endReason: string } {
  const city = ["Paris", "Lyon", "Oslo", "Lima", "Pune"][i % 5];
  const call = (id: string, name: string, args: object): Msg => ({
    role: "assistant",
    toolCalls: [{ id, name, arguments: args }] as Prisma.InputJsonValue,
    promptTokens: 120,
    completionTokens: 20,
  });
  const result = (id: string, name: string, content: string): Msg => ({ role: "tool", toolCallId: id, toolName: name, content });
  if (kind === 2) {
    const a = 37;
    return {
      endReason: "agent_finished",
      messages: [
        { role: "user", content: `Ticket ${i}: what is ${a} times 12?` },
        call("m1", "calculator", { expression: `${a}*12` }),
        result("m1", "calculator", String(a * 12)),
        { role: "assistant", content: `The answer is ${i % 7 === 0 ? a * 12 + 1 : a * 12}.` },
      ],
    };
  }
  const broken = kind === 1;
  return {
    endReason: broken && i % 2 ? "max_turns" : "agent_finished",
    messages: [
      { role: "user", content: `Ticket ${i}: what will the weather be like in ${city} this week?` },
      call("c1", "get_weather", { city }),
      result("c1", "get_weather", JSON.stringify({ city, temp: 12 + (i % 15), sky: "cloudy" })),
      call("c2", "get_forecast", broken ? { city, days: 0 } : { city, days: 5 }),
      result("c2", "get_forecast", JSON.stringify({ days: [14, 15, 13, 12, 16] })),
      ...(broken ? [call("c3", "send_fax", { to: "+331" }), result("c3", "send_fax", "sent")] : []),
      {
        role: "assistant",
        content: `It is ${12 + (i % 15)}°C and cloudy in ${city} now; the week stays between 12 and 16°C.`,
        promptTokens: 300,
        completionTokens: 40,
      },
    ],
  };
}

/** How many of the first `count` synthetic trajectories pass rules and execution: the clean weather ones and the right math answers. */
export function expectedAccepted(count: number): number {
  let n = 0;
  for (let i = 0; i < count; i++) if (i % 3 === 0 || (i % 3 === 2 && i % 7 !== 0)) n++;
  return n;
}

/** Writes `count` trajectories (with an agent and two tasks) and returns the simulate run holding them. */
export async function writeBenchTrajectories(db: Db, count: number): Promise<{ runId: string; agentId: string }> {
  const run = await db.run.create({ data: { kind: "simulate", status: "succeeded", config: { bench: true } } });
  const agent = await db.agent.create({
    data: { name: "Bench weather agent", systemPrompt: "You answer weather questions.", toolSetHash: `bench-${randomUUID()}` },
  });
  const weather = await db.task.create({
    data: {
      agentId: agent.id,
      goal: "Know this week's weather in a city",
      instruction: "",
      difficulty: "multi_step",
      rubric: [
        { id: "grounded", criterion: "Every figure comes from a tool result" },
        { id: "complete", criterion: "Covers now and the week" },
      ],
      requiredTools: ["get_weather", "get_forecast"],
      forbiddenTools: [],
    },
  });
  const math = await db.task.create({
    data: {
      agentId: agent.id,
      goal: "Multiply two numbers",
      instruction: "",
      difficulty: "single_call",
      environment: "math",
      verifier: { answer: "444" },
      requiredTools: ["calculator"],
      forbiddenTools: [],
    },
  });
  const CHUNK = 250;
  for (let start = 0; start < count; start += CHUNK) {
    const trajectories: Prisma.TrajectoryCreateManyInput[] = [];
    const messages: Prisma.MessageCreateManyInput[] = [];
    for (let i = start; i < Math.min(count, start + CHUNK); i++) {
      const kind = i % 3;
      const id = randomUUID();
      const e = episode(kind, i);
      trajectories.push({
        id,
        runId: run.id,
        agentId: agent.id,
        taskId: kind === 2 ? math.id : weather.id,
        environment: kind === 2 ? "math" : "simulated",
        endReason: e.endReason,
        tools,
        steps: e.messages.length,
        tags: ["bench"],
        model: "offline",
        provider: "offline",
      });
      e.messages.forEach((m, index) => messages.push({ ...m, trajectoryId: id, index }));
    }
    await db.trajectory.createMany({ data: trajectories });
    await db.message.createMany({ data: messages });
  }
  return { runId: run.id, agentId: agent.id };
}

export async function deleteBenchTrajectories(db: Db, ids: { runId: string; agentId: string }) {
  await db.trajectory.deleteMany({ where: { runId: ids.runId } });
  await db.agent.delete({ where: { id: ids.agentId } });
  await db.run.delete({ where: { id: ids.runId } });
}
