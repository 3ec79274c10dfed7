import type { Step, StepInput, ToolCall } from "../trajectory/types";
import type { CallContext } from "../llm/types";
import { stepAccounting, type SimFunction, type SimMessage, type SimToolCall, type SimulationGateway } from "./gateway";
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

/**
 * The reply's tool calls with ids unique within the trajectory, since results
 * are matched on them: an endpoint's id is kept where it is new, else the call
 * gets one of its own and the endpoint's is kept as `sourceId` (Kimi's
 * `functions.get_weather:0` comes back every turn; some servers send none).
 */
export function uniqueIds(calls: SimToolCall[], messages: Step[], stepIndex: number): ToolCall[] {
  const taken = new Set(messages.flatMap((m) => [...(m.toolCalls?.map((c) => c.id) ?? []), ...(m.toolCallId ? [m.toolCallId] : [])]));
  return calls.map((c, i) => {
    let { id, sourceId } = c;
    if (!id || taken.has(id)) {
      if (sourceId === undefined) sourceId = id || null;
      id = `call_${stepIndex}_${i}`;
      for (let n = 1; taken.has(id); n++) id = `call_${stepIndex}_${i}_${n}`;
    }
    taken.add(id);
    return {
      id,
      name: c.name,
      arguments: c.arguments,
      ...(c.rawArguments !== undefined ? { rawArguments: c.rawArguments } : {}),
      ...(c.argumentsError ? { argumentsError: c.argumentsError } : {}),
      ...(sourceId !== undefined ? { sourceId } : {}),
    };
  });
}

export async function nativeAgentStep(
  gateway: SimulationGateway,
  messages: Step[],
  tools: SimTool[],
  opts: { stepIndex: number; temperature?: number; ctx: CallContext },
): Promise<StepInput> {
  const r = await gateway.chat(
    "agent",
    { messages: nativeMessages(messages), tools: toFunctions(tools), toolChoice: "auto", temperature: opts.temperature },
    opts.ctx,
  );
  const toolCalls = uniqueIds(r.toolCalls, messages, opts.stepIndex);
  const empty = !r.text?.trim() && toolCalls.length === 0;
  return {
    role: "assistant",
    content: r.text,
    ...(r.rawText != null ? { rawContent: r.rawText } : {}),
    reasoning: r.reasoning,
    toolCalls: toolCalls.length ? toolCalls : null,
    violations: empty ? [{ code: "empty_reply", message: "the agent replied with neither text nor tool calls" }] : [],
    ...stepAccounting(r),
  };
}
