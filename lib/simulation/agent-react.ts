import type { Step, StepInput } from "../trajectory/types";
import type { CallContext } from "../llm/types";
import { stepAccounting, type SimMessage, type SimulationGateway } from "./gateway";
import { FINISH_TOOL, parseReactStep, renderObservation, renderReactInstructions, renderReactStep } from "./react";
import type { SimTool } from "./tools/types";

// The ReAct text protocol: the model writes next_thought / next_tool_name /
// next_tool_args as text, observations come back as text, and `finish` ends
// its turn. A reply that cannot be parsed is recorded with a violation, and
// the parse error is shown to the model on its next turn.

export const UNPARSEABLE_STEP = "unparseable_step";

export function reactMessages(messages: Step[], tools: SimTool[], interactive: boolean): SimMessage[] {
  const systemPrompt = messages
    .filter((m) => m.role === "system")
    .map((m) => m.content ?? "")
    .join("\n\n")
    .trim();
  const system = [systemPrompt, renderReactInstructions(tools, { interactive })].filter(Boolean).join("\n\n");
  const out: SimMessage[] = [{ role: "system", content: system }];
  for (const m of messages) {
    if (m.role === "system") continue; // folded into the instructions above
    if (m.role === "user") out.push({ role: "user", content: m.content ?? "" });
    else if (m.role === "tool") out.push({ role: "user", content: renderObservation(m.content ?? "") });
    else {
      out.push({ role: "assistant", content: m.content?.trim() ? m.content : asReactText(m) });
      const unparseable = m.violations.find((v) => v.code === UNPARSEABLE_STEP);
      if (unparseable) out.push({ role: "user", content: `[[ ## error ## ]]\n${unparseable.message}` });
    }
  }
  return out;
}

// A step written in native mode (a fork switching protocol) shown as ReAct text.
function asReactText(m: Step): string {
  const calls = m.toolCalls ?? [];
  if (calls.length === 0) return renderReactStep({ thought: m.reasoning, toolName: FINISH_TOOL, args: { answer: m.content ?? "" } });
  return calls.map((c, i) => renderReactStep({ thought: i === 0 ? m.reasoning : null, toolName: c.name, args: c.arguments })).join("\n\n");
}

export async function reactAgentStep(
  gateway: SimulationGateway,
  messages: Step[],
  tools: SimTool[],
  opts: { stepIndex: number; interactive: boolean; temperature?: number; ctx: CallContext },
): Promise<StepInput> {
  const r = await gateway.chat("agent", { messages: reactMessages(messages, tools, opts.interactive), temperature: opts.temperature }, opts.ctx);
  const text = r.text ?? "";
  const parsed = parseReactStep(text, { toolNames: [...tools.map((t) => t.name), FINISH_TOOL] });
  const base = { role: "assistant" as const, content: text, ...stepAccounting(r) };
  if (!parsed.ok) return { ...base, reasoning: r.reasoning, violations: [{ code: UNPARSEABLE_STEP, message: parsed.error }] };
  const reasoning = [r.reasoning, parsed.thought].filter(Boolean).join("\n\n") || null;
  const call = {
    id: `react_${opts.stepIndex}`,
    name: parsed.toolName,
    arguments: parsed.args,
    rawArguments: parsed.rawArgs,
    ...(parsed.argsError ? { argumentsError: parsed.argsError } : {}),
  };
  return { ...base, reasoning, toolCalls: [call] };
}
