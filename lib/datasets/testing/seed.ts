import type { Db, Verdict } from "../../db/client";
import { saveTrajectory } from "../../trajectory/store";
import { trajectoryDocSchema, type TrajectoryDoc } from "../../trajectory/types";

/** A small trajectory whose text depends on `n`, so distinct n give distinct messages. */
export function cityDoc(n: number): TrajectoryDoc {
  const city = `City-${n}`;
  return trajectoryDocSchema.parse({
    tools: [{ name: "get_weather", description: "Weather for a city", parameters: { type: "object", properties: { city: { type: "string" } } } }],
    messages: [
      { role: "user", content: `Weather in ${city}?` },
      { role: "assistant", content: null, toolCalls: [{ id: `call_${n}`, name: "get_weather", arguments: { city } }] },
      { role: "tool", content: `{"temp":${n % 40}}`, toolCallId: `call_${n}`, toolName: "get_weather" },
      { role: "assistant", content: `${n % 40}°C in ${city}.` },
    ],
  });
}

/** An agent with `tasks` tasks, and a simulate run to hang trajectories on. */
export async function seedAgentWithTasks(db: Db, tasks: number, name = "Weather agent") {
  const run = await db.run.create({ data: { kind: "simulate", status: "succeeded" } });
  const agent = await db.agent.create({ data: { name, systemPrompt: "You answer weather questions.", toolSetHash: `${name}-${Math.random()}` } });
  const taskIds: string[] = [];
  for (let i = 0; i < tasks; i++) {
    const task = await db.task.create({ data: { agentId: agent.id, goal: `goal ${i}`, instruction: `ask about city ${i}`, difficulty: "single_call" } });
    taskIds.push(task.id);
  }
  return { run, agent, taskIds };
}

export async function saveWithVerdict(
  db: Db,
  doc: TrajectoryDoc,
  row: { verdict: Verdict | null; runId?: string; agentId?: string; taskId?: string; model?: string; endReason?: string },
) {
  return saveTrajectory(db, doc, {
    effectiveVerdict: row.verdict,
    runId: row.runId,
    agentId: row.agentId,
    taskId: row.taskId,
    model: row.model ?? "offline-agent",
    // A trajectory written whole has ended; an empty reason is an episode in progress.
    endReason: row.endReason ?? "agent_finished",
  });
}
