import { extractFinalAnswer } from "../sandbox";
import type { TrajectoryDoc } from "../trajectory/types";

// Where the agent's final code or answer is: the latest of a tool call
// carrying it (run_code({code}), submit({answer}) …) or, in an assistant
// message, a fenced block (code) or a stated answer (math), preferring a
// stated answer in an earlier message to a final message that states none.

export type Submission = { step: number; text: string; language?: string };

const CODE_KEYS = ["code", "source", "program", "solution", "script"];
const ANSWER_KEYS = ["answer", "final_answer", "finalAnswer", "result", "value"];
const FENCE = /```([a-zA-Z0-9_+-]*)[^\n]*\n([\s\S]*?)```/g;

function stringArg(args: unknown, keys: string[]): string | null {
  if (!args || typeof args !== "object") return null;
  for (const k of keys) {
    const v = (args as Record<string, unknown>)[k];
    if (typeof v === "string" && v.trim()) return v;
    if (typeof v === "number") return String(v);
  }
  return null;
}

function lastFencedBlock(text: string): { code: string; language?: string } | null {
  let last: { code: string; language?: string } | null = null;
  for (const m of text.matchAll(FENCE)) {
    const lang = m[1].toLowerCase();
    if (m[2].trim()) last = { code: m[2], ...(lang ? { language: lang } : {}) };
  }
  return last;
}

// Where a message states its answer outright; lib/sandbox reads the answer out of it.
const STATED = /\\(?:boxed|fbox)\{|\banswer\s*(?:is|:|=)/i;

export function findSubmission(doc: TrajectoryDoc, kind: "code" | "math"): Submission | null {
  let finalAnswer: Submission | null = null;
  let sawFinal = false;
  for (let step = doc.messages.length - 1; step >= 0; step--) {
    const m = doc.messages[step];
    if (m.role !== "assistant") continue;
    for (const call of [...(m.toolCalls ?? [])].reverse()) {
      const text = stringArg(call.arguments, kind === "code" ? CODE_KEYS : ANSWER_KEYS);
      if (text) {
        const language = stringArg(call.arguments, ["language", "lang"]) ?? undefined;
        return { step, text, ...(language ? { language } : {}) };
      }
    }
    if (!m.content) continue;
    if (kind === "code") {
      const block = lastFencedBlock(m.content);
      if (block) return { step, text: block.code, ...(block.language ? { language: block.language } : {}) };
    } else {
      if (STATED.test(m.content)) return { step, text: extractFinalAnswer(m.content) };
      // Without a stated answer anywhere, the final message's answer (its last line) is judged.
      if (!sawFinal) finalAnswer = { step, text: extractFinalAnswer(m.content) };
      sawFinal = true;
    }
  }
  return finalAnswer;
}
