import type { Db, Environment, TaskMode } from "../../db/client";

// Rows for simulation's integration tests: an agent with tools and a task.

export const weatherTool = {
  name: "get_weather",
  description: "Current weather for a city",
  inputSchema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  outputSchema: { type: "object", properties: { temp_c: { type: "number" }, sky: { type: "string", enum: ["clear", "rain"] } }, required: ["temp_c", "sky"] },
};

type ToolRow = {
  name: string;
  description: string;
  inputSchema: object;
  outputSchema?: object;
  origin?: "real" | "synthetic";
  executable?: boolean;
  sourceId?: string;
};

let counter = 0;

export async function createAgentWithTask(
  db: Db,
  opts: {
    mode?: TaskMode;
    environment?: Environment;
    verifier?: object;
    tools?: ToolRow[];
  } = {},
) {
  const n = ++counter;
  const agent = await db.agent.create({
    data: { name: `Agent ${n}`, systemPrompt: "You are a helpful travel assistant.", toolSetHash: `hash-${n}-${Math.random()}` },
  });
  for (const t of opts.tools ?? ([weatherTool] as ToolRow[])) {
    const tool = await db.tool.create({
      data: {
        origin: t.origin ?? "synthetic",
        key: `${t.name}-${n}-${Math.random()}`,
        name: t.name,
        description: t.description,
        inputSchema: t.inputSchema,
        outputSchema: t.outputSchema,
        specHash: `spec-${n}-${t.name}`,
        executable: t.executable ?? false,
        sourceId: t.sourceId,
        quality: "accepted",
      },
    });
    await db.agentTool.create({ data: { agentId: agent.id, toolId: tool.id } });
  }
  const task = await db.task.create({
    data: {
      agentId: agent.id,
      goal: "Know whether to take an umbrella to Paris tomorrow",
      instruction: "What is the current weather in Paris? Will I need an umbrella tomorrow?",
      persona: { name: "Sam" },
      mode: opts.mode ?? "autonomous",
      difficulty: "single_call",
      environment: opts.environment ?? "simulated",
      verifier: opts.verifier,
    },
  });
  return { agent, task };
}
