import { z } from "zod";
import { personaSchema } from "../synthesis/task-schemas";
import type { Step } from "../trajectory/types";
import type { CallContext } from "../llm/types";
import type { SimMessage, SimStructuredResult, SimulationGateway } from "./gateway";
import { GOAL_LINE, USER_TURN_FORMAT } from "./user-turn-format";

// The user simulator (`user` role) plays the task's persona with its hidden
// goal: it answers the agent consistently with the task, gives held-back
// facts only when asked, and ends the conversation with an explicit signal.

export const USER_SIMULATOR_PROMPT_VERSION = "user-sim-1";

export const userTurnSchema = z.object({
  message: z.string().describe("your next message to the assistant, in character; when ending, a short closing line"),
  status: z
    .enum(["continue", "satisfied", "gave_up"])
    .describe("continue the conversation; satisfied: your goal is met, end it; gave_up: stop trying (the assistant failed or your patience ran out)"),
});
export type UserTurn = z.infer<typeof userTurnSchema>;

export type UserSimTask = { goal: string; instruction: string; persona: unknown };

function describePersona(persona: unknown): string {
  const p = personaSchema.safeParse(persona);
  if (!p.success) return `Persona: ${JSON.stringify(persona ?? {})}`;
  const v = p.data;
  return [
    `You are ${v.name}. ${v.background}`,
    `Tone: ${v.tone}. Expertise: ${v.expertise}. Patience: ${v.patience}. Write in ${v.language}.`,
    `Facts you have and give when they are relevant or asked for:\n${v.knows.map((k) => `- ${k}`).join("\n")}`,
    `Facts you hold back and reveal one at a time, only when the assistant asks for them:\n${v.revealsGradually.map((k) => `- ${k}`).join("\n")}`,
  ].join("\n");
}

export function userSimulatorMessages(task: UserSimTask, messages: Step[]): SimMessage[] {
  const system = [
    "You play a user talking to an AI assistant, to produce realistic training conversations. Stay in character and never say you are simulated.",
    describePersona(task.persona),
    `${GOAL_LINE}${task.goal}`,
    `You opened the conversation with: ${task.instruction}`,
    "Rules: write one message at a time as this person would; answer the assistant's questions consistently with your goal and the facts above; do not volunteer everything at once; do not solve the task yourself.",
    "End the conversation (status satisfied) once the assistant has fully done what you need; give up (status gave_up) if it keeps failing, refuses what it should do, or your patience runs out. Otherwise status continue.",
  ].join("\n\n");
  // the user simulator sees the conversation from the other side: its own turns are "assistant"
  const turns: SimMessage[] = [];
  for (const m of messages) {
    if (m.role === "user" && m.content) turns.push({ role: "assistant", content: m.content });
    const reply = m.role === "assistant" ? replyToUser(m) : null;
    if (reply) turns.push({ role: "user", content: reply });
  }
  return [{ role: "system", content: system }, ...turns];
}

/** What an assistant step said to the user: its text (native) or finish's answer (ReAct); null for tool-only steps. */
export function replyToUser(step: Step): string | null {
  const finish = step.toolCalls?.find((c) => c.name === "finish");
  if (finish) {
    const answer = (finish.arguments as { answer?: unknown } | null)?.answer;
    return typeof answer === "string" ? answer : JSON.stringify(finish.arguments ?? "");
  }
  if (step.toolCalls?.length) return null;
  return step.content;
}

export async function nextUserTurn(gateway: SimulationGateway, task: UserSimTask, messages: Step[], ctx: CallContext): Promise<SimStructuredResult<UserTurn>> {
  return gateway.structured("user", { messages: userSimulatorMessages(task, messages), schema: userTurnSchema, name: USER_TURN_FORMAT }, ctx);
}
