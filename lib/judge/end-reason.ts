import type { Step } from "../trajectory/types";

export type EndKind = "finished" | "limit" | "failed";

// Simulation records why an episode stopped as a short snake_case reason.
// The judge sorts reasons into three kinds by their words, so a new reason
// like "max_wall_time" is understood without a list to keep in step.
const LIMIT = /max|limit|timeout|timed_out|budget|exhaust|too_many/i;
const FAILED = /gave_up|give_up|giving_up|error|fail|crash|cancel|abort|refused_to_end|unparse/i;
const FINISHED = /finish|complete|done|final|answer|satisf|user_end|ended|stop|success/i;

/** What kind of end an episode had. Without a recorded reason (imports), the transcript decides. */
export function classifyEndReason(endReason: string, messages: Step[]): { kind: EndKind; reason: string } {
  const reason = endReason.trim();
  if (reason) {
    if (LIMIT.test(reason)) return { kind: "limit", reason };
    if (FAILED.test(reason)) return { kind: "failed", reason };
    if (FINISHED.test(reason)) return { kind: "finished", reason };
    return { kind: "failed", reason: `unrecognised end reason "${reason}"` };
  }
  const last = messages.at(-1);
  if (last?.role === "assistant" && last.content?.trim() && !(last.toolCalls?.length ?? 0)) {
    return { kind: "finished", reason: "no end reason recorded; the agent gave a final answer" };
  }
  return { kind: "failed", reason: "no end reason recorded and no final answer" };
}
