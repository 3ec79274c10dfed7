import { checkAnswer, runCodeTests } from "../sandbox";
import type { Step } from "../trajectory/types";
import { RUN_TESTS_TOOL } from "./tools/environment";
import { replyToUser } from "./user-simulator";

// The sandbox's verdict on a code or math episode, kept with the trajectory
// as a tag (execution:passed / execution:failed) beside the run_tests results
// already stored as tool steps. The judge re-checks independently.

export type EpisodeVerification = { status: "passed" | "failed"; detail: string } | null;

const FENCE = /```([a-zA-Z]*)[^\n]*\n([\s\S]*?)```/g;

function lastFencedCode(text: string): { code: string; language?: string } | null {
  const blocks = [...text.matchAll(FENCE)].filter((m) => m[2].trim());
  const last = blocks.at(-1);
  return last ? { code: last[2], ...(last[1] ? { language: last[1] } : {}) } : null;
}

function lastReply(messages: Step[]): string | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i].role !== "assistant") continue;
    const reply = replyToUser(messages[i]);
    if (reply?.trim()) return reply;
  }
  return null;
}

/** The result of the last run_tests call, when the final reply carries no newer code. */
function lastRunTests(messages: Step[]): { passed: number; total: number } | null {
  const calls = new Set<string>();
  for (const m of messages) for (const c of m.toolCalls ?? []) if (c.name === RUN_TESTS_TOOL.name) calls.add(c.id);
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m.role !== "tool" || !m.toolCallId || !calls.has(m.toolCallId)) continue;
    try {
      const r = JSON.parse(m.content ?? "") as { passed?: number; total?: number };
      if (typeof r.passed === "number" && typeof r.total === "number") return { passed: r.passed, total: r.total };
    } catch {
      // an error result: keep looking further back
    }
  }
  return null;
}

export async function verifyEpisode(environment: string, verifier: unknown, messages: Step[], signal?: AbortSignal): Promise<EpisodeVerification> {
  if (!verifier || (environment !== "code" && environment !== "math")) return null;
  const reply = lastReply(messages);
  if (environment === "math") {
    const expected = (verifier as { answer?: unknown }).answer;
    if (expected === undefined) return null;
    if (!reply) return { status: "failed", detail: "no final answer" };
    const r = checkAnswer({ expected: String(expected), given: reply });
    return { status: r.equivalent ? "passed" : "failed", detail: r.detail ?? `answer ${r.given}` };
  }
  const fenced = reply ? lastFencedCode(reply) : null;
  if (fenced) {
    const r = await runCodeTests({ code: fenced.code, language: fenced.language, tests: verifier, signal });
    return { status: r.total > 0 && r.passed === r.total ? "passed" : "failed", detail: `${r.passed} of ${r.total} tests passed` };
  }
  const ran = lastRunTests(messages);
  if (!ran) return { status: "failed", detail: "no code was submitted" };
  return { status: ran.total > 0 && ran.passed === ran.total ? "passed" : "failed", detail: `${ran.passed} of ${ran.total} tests passed` };
}

export function verificationTags(v: EpisodeVerification): string[] {
  return v ? [`execution:${v.status}`] : [];
}
