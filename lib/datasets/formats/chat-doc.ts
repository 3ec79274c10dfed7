import { UNPARSEABLE_STEP } from "../../simulation/agent-react";
import { FINISH_TOOL, parseReactStep } from "../../simulation/react";
import { stepSchema, type Step, type ToolCall, type TrajectoryDoc } from "../../trajectory/types";
import { exportArguments } from "./arguments";
import { generatedCallId, isStudioMadeId } from "./call-ids";
import type { Adjustment } from "./types";

/** Where a stored trajectory came from, as far as its export cares. */
export type TrajectorySource = { imported: boolean; provider: string };

export type ChatDoc = { ok: true; doc: TrajectoryDoc; adjustments: Adjustment[] } | { ok: false; reasons: string[] };

/**
 * A stored trajectory as chat data: each ReAct step (protocol text beside the
 * call parsed from it) becomes an assistant turn with the thought as its text
 * and a native call, `finish` becomes the final assistant text, and call ids
 * the studio made up become template-safe ones; a conversation the agent
 * opens gets an empty user turn first. A ReAct reply that could not
 * be read has no chat form: the trajectory is refused with that reason.
 */
export function chatDoc(doc: TrajectoryDoc, source: TrajectorySource): ChatDoc {
  const adjustments = new Set<Adjustment>();
  const reasons: string[] = [];
  const ids = new Map<string, string>();
  const messages: Step[] = [];
  doc.messages.forEach((m, index) => {
    if (m.role !== "assistant") {
      messages.push(m.role === "tool" && m.toolCallId && ids.has(m.toolCallId) ? { ...m, toolCallId: ids.get(m.toolCallId)! } : m);
      return;
    }
    if (!m.toolCalls?.length && m.violations.some((v) => v.code === UNPARSEABLE_STEP)) {
      reasons.push(`step ${index}: a ReAct reply that could not be read has no chat form`);
      return;
    }
    const step = reactStep(m);
    if (step?.finish) {
      messages.push({ ...m, content: step.answer, reasoning: step.reasoning, toolCalls: null });
      return;
    }
    const toolCalls = m.toolCalls?.map((c, k): ToolCall => {
      if (source.imported || !isStudioMadeId(c.id, source.provider)) return c;
      const id = generatedCallId(index, k);
      ids.set(c.id, id);
      adjustments.add("call_ids_generated");
      return { ...c, id, sourceId: c.sourceId ?? null };
    });
    messages.push(step ? { ...m, content: step.thought, reasoning: step.reasoning, toolCalls: toolCalls ?? null } : { ...m, toolCalls: toolCalls ?? null });
  });
  if (reasons.length) return { ok: false, reasons };
  // strict role alternation (ShareGPT's order, Mistral-style templates) needs the user first
  const opening = messages.findIndex((m) => m.role !== "system");
  if (opening >= 0 && messages[opening].role === "assistant") {
    messages.splice(opening, 0, stepSchema.parse({ role: "user", content: "" }));
    adjustments.add("empty_user_turn");
  }
  return { ok: true, doc: { ...doc, messages }, adjustments: [...adjustments] };
}

type ReactStep = { finish: true; answer: string; reasoning: string | null } | { finish: false; thought: string | null; reasoning: string | null };

/** The ReAct step an assistant turn holds: its one call was read from its protocol text. */
export function reactStep(m: Pick<Step, "content" | "reasoning" | "toolCalls">): ReactStep | null {
  const call = m.toolCalls?.length === 1 ? m.toolCalls[0] : null;
  if (!call || !m.content) return null;
  const parsed = parseReactStep(m.content, { toolNames: [call.name] });
  if (!parsed.ok || parsed.toolName !== call.name || (call.rawArguments !== undefined && parsed.rawArgs !== call.rawArguments)) return null;
  const reasoning = modelReasoning(m.reasoning, parsed.thought);
  if (call.name === FINISH_TOOL) return { finish: true, answer: finishAnswer(call), reasoning };
  return { finish: false, thought: parsed.thought, reasoning };
}

// Steps stored before the thought was kept only in the protocol text carry it
// at the end of `reasoning` too; it is the model's text, shown and exported once.
function modelReasoning(reasoning: string | null, thought: string | null): string | null {
  if (!reasoning || !thought) return reasoning;
  if (reasoning === thought) return null;
  return reasoning.endsWith(`\n\n${thought}`) ? reasoning.slice(0, -thought.length - 2) : reasoning;
}

function finishAnswer(call: ToolCall): string {
  const args = exportArguments(call).value;
  const answer = args && typeof args === "object" ? (args as { answer?: unknown }).answer : undefined;
  if (answer === undefined || answer === null) return "";
  return typeof answer === "string" ? answer : JSON.stringify(answer);
}
