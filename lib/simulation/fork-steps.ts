import { stepNumber } from "../trajectory/step-number";
import type { Step } from "../trajectory/types";

// The steps a trajectory can be forked at, labelled for a form. Pure: safe
// for pages and client components.

export type ForkStep = { index: number; label: string };

function describe(step: Pick<Step, "role" | "content" | "toolCalls" | "toolName">): string {
  if (step.role === "assistant" && step.toolCalls?.length) return `the agent calls ${step.toolCalls.map((c) => c.name).join(", ")}`;
  if (step.role === "assistant") return "the agent's reply";
  if (step.role === "tool") return `${step.toolName ?? "a tool"}'s result`;
  if (step.role === "user") return "the user's next message";
  return "the system prompt";
}

/** Forking at k keeps steps 0…k-1 (at least the user's first message) and simulates from step k. */
export function forkSteps(messages: Pick<Step, "role" | "content" | "toolCalls" | "toolName">[]): ForkStep[] {
  const firstUser = messages.findIndex((m) => m.role === "user");
  if (firstUser < 0) return [];
  const out: ForkStep[] = [];
  for (let k = firstUser + 1; k <= messages.length; k++) {
    out.push({
      index: k,
      label: k === messages.length ? `Step ${stepNumber(k)}: continue after the last step` : `Step ${stepNumber(k)}: from ${describe(messages[k])}`,
    });
  }
  return out;
}
