import { canonicalJson } from "../hash";
import type { ChatMessage } from "../types";
import { createRng } from "./rng";

// The offline model playing the rubric judge fails now and then as real
// judges do: for a seeded few transcripts its reply is JSON cut off at the
// token limit, on every sample and every repair (the draw depends on the
// transcript, not the seed or the repair turns), so the studio's own
// machinery fails and the judge blames the infrastructure, not the agent.
// Only episodes that end in a clean final answer are drawn: elsewhere the
// rules already reject the agent, and the demo would show no such failure.

export const OFFLINE_UNUSABLE_JUDGE_RATE = 0.15;

/** The transcript's last step is the agent's answer, and no tool result was an error. */
function endsCleanly(transcript: string): boolean {
  const last = transcript.slice(transcript.lastIndexOf("\n[") + 1);
  return /^\[\d+\] assistant: /.test(last) && !last.includes("→ call") && !transcript.includes(" ERROR:");
}

/** The cut-off reply for a transcript the draw picked, or null to answer normally. */
export function unusableJudgeReply(messages: ChatMessage[], reply: string): string | null {
  const opening = messages.filter((m) => m.role === "system" || m.role === "user").slice(0, 2);
  const transcript = opening.at(-1)?.content ?? "";
  if (!endsCleanly(transcript)) return null;
  if (!createRng(canonicalJson({ unusableJudge: opening.map((m) => m.content) })).chance(OFFLINE_UNUSABLE_JUDGE_RATE)) return null;
  return reply.slice(0, Math.max(1, Math.floor(reply.length / 2)));
}
