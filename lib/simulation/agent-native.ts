import type { Step, StepInput } from "../trajectory/types";
import { stepAccounting, type CallContext, type SimFunction, type SimMessage, type SimulationGateway } from "./gateway";
import type { SimTool } from "./tools/types";

// Native tool calling: the tools go to the model as function definitions and
// it answers with tool calls (several at once allowed) or a final text.

export function toFunctions(tools: SimTool[]): SimFunction[] {
  return tools.map((t) => ({ name: t.name, description: t.description, parameters: t.parameters }));
}

/** The conversation as the agent model sees it in native mode. */
export function nativeMessages(messages: Step[]): SimMessage[] {
  const out: SimMessage[] = [];
  for (const m of messages) {
    if (m.role === "system" || m.role === "user") out.push({ role: m.role, content: m.content ?? "" });
    else if (m.role === "assistant") {
      const toolCalls = m.toolCalls?.map((c) => ({ id: c.id, name: c.name, arguments: c.arguments }));
      out.push({ role: "assistant", content: m.content, ...(toolCalls?.length ? { toolCalls } : {}) });
    } else out.push({ role: "tool", content: m.content ?? "", toolCallId: m.toolCallId ?? "", ...(m.toolName ? { name: m.toolName } : {}) });
  }
  return out;
}

export async function nativeAgentStep(
  gateway: SimulationGateway,
  messages: Step[],
  tools: SimTool[],
  opts: { stepIndex: number; temperature?: number; ctx: CallContext },
): Promise<StepInput> {
  const r = await gateway.chat("agent", { messages: nativeMessages(messages), tools: toFunctions(tools), toolChoice: "auto", temperature: opts.temperature }, opts.ctx);
  const seen = new Set<string>();
  const toolCalls = r.toolCalls.map((c, i) => {
    // ids must be unique within the trajectory: results are matched on them
    const id = c.id && !seen.has(c.id) ? c.id : `call_${opts.stepIndex}_${i}`;
    seen.add(id);
    return { id, name: c.name, arguments: c.arguments, ...(c.rawArguments !== undefined ? { rawArguments: c.rawArguments } : {}), ...(c.argumentsError ? { argumentsError: c.argumentsError } : {}) };
  });
  const empty = !r.text?.trim() && toolCalls.length === 0;
  return {
    role: "assistant",
    content: r.text,
    reasoning: r.reasoning,
    toolCalls: toolCalls.length ? toolCalls : null,
    violations: empty ? [{ code: "empty_reply", message: "the agent replied with neither text nor tool calls" }] : [],
    ...stepAccounting(r),
  };
}
