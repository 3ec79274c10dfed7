import type OpenAI from "openai";
import type { ChatMessage, ToolCall, ToolChoice, ToolDefinition } from "./types";

// Between the gateway's types and the OpenAI chat completions wire format.

type WireMessage = OpenAI.Chat.Completions.ChatCompletionMessageParam;

export function toWireMessages(messages: ChatMessage[]): WireMessage[] {
  return messages.map((m): WireMessage => {
    switch (m.role) {
      case "system":
      case "user":
        return { role: m.role, content: m.content };
      case "assistant": {
        const calls =
          m.tool_calls?.map((c) => ({ id: c.id, type: "function" as const, function: c.function })) ??
          m.toolCalls?.map((c) => ({
            id: c.id,
            type: "function" as const,
            function: { name: c.name, arguments: c.rawArguments ?? JSON.stringify(c.arguments ?? {}) },
          }));
        return { role: "assistant", content: m.content, ...(calls?.length ? { tool_calls: calls } : {}) };
      }
      case "tool": {
        const id = m.tool_call_id ?? m.toolCallId;
        if (!id) throw new Error("A tool message needs the id of the tool call it answers (tool_call_id)");
        return { role: "tool", tool_call_id: id, content: m.content };
      }
    }
  });
}

export function toWireTools(tools: ToolDefinition[]): OpenAI.Chat.Completions.ChatCompletionFunctionTool[] {
  return tools.map((t) => ({ type: "function", function: { name: t.name, description: t.description, parameters: t.parameters } }));
}

export function toWireToolChoice(choice: ToolChoice): OpenAI.Chat.Completions.ChatCompletionToolChoiceOption {
  return typeof choice === "string" ? choice : { type: "function", function: { name: choice.name } };
}

type RawToolCall = { id?: string | null; function?: { name?: string | null; arguments?: string | null } };

/** Parses a tool call's arguments; text that is not a JSON object is reported, never thrown. */
export function parseToolCall(raw: RawToolCall, index: number): ToolCall {
  const rawArguments = raw.function?.arguments ?? "";
  const base = { id: raw.id || `call_${index}`, name: raw.function?.name ?? "", rawArguments };
  // Some servers send "" for a call without parameters.
  if (rawArguments.trim() === "") return { ...base, arguments: {} };
  try {
    const parsed: unknown = JSON.parse(rawArguments);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return { ...base, arguments: parsed };
    return { ...base, arguments: null, argumentsError: "arguments are not a JSON object" };
  } catch (e) {
    return { ...base, arguments: null, argumentsError: `arguments are not valid JSON: ${(e as Error).message}` };
  }
}

/** Reasoning text as vLLM, DeepSeek and Kimi (`reasoning_content`) or OpenRouter and Ollama (`reasoning`) send it. */
export function reasoningOf(message: object): string | null {
  const m = message as { reasoning_content?: unknown; reasoning?: unknown };
  if (typeof m.reasoning_content === "string" && m.reasoning_content) return m.reasoning_content;
  if (typeof m.reasoning === "string" && m.reasoning) return m.reasoning;
  return null;
}

/**
 * A reply's tool calls with ids that tell them apart: the endpoint's id where
 * it gave one not used before in the reply (Kimi's `functions.get_weather:0`
 * included), else a new one, the endpoint's (or null) kept as `sourceId`.
 */
export function parseToolCalls(raw: RawToolCall[], taken: ReadonlySet<string> = new Set()): ToolCall[] {
  const used = new Set(taken);
  return raw.map((r, i) => {
    const call = parseToolCall(r, i);
    if (r.id && !used.has(r.id)) {
      used.add(r.id);
      return call;
    }
    let id = `call_${i}`;
    for (let n = 1; used.has(id); n++) id = `call_${i}_${n}`;
    used.add(id);
    return { ...call, id, sourceId: r.id || null };
  });
}

// Hermes (Qwen, NousResearch) and many fine-tunes write tool calls into the
// text when the server runs no tool parser.
const TEXT_TOOL_CALL = /<tool_call>\s*([\s\S]*?)\s*<\/tool_call>/g;

/**
 * Tool calls written as `<tool_call>{"name": …, "arguments": …}</tool_call>`
 * in the reply's text, and the text around them; null when there are none.
 * A block that is not a call (no JSON object with a name) stays in the text.
 */
export function toolCallsInText(text: string): { text: string | null; calls: RawToolCall[] } | null {
  const calls: RawToolCall[] = [];
  const rest = text.replace(TEXT_TOOL_CALL, (block, inner: string) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(inner);
    } catch {
      return block;
    }
    const { name, arguments: args } = (parsed ?? {}) as { name?: unknown; arguments?: unknown };
    if (typeof name !== "string" || !name) return block;
    calls.push({ function: { name, arguments: args === undefined ? "" : typeof args === "string" ? args : JSON.stringify(args) } });
    return "";
  });
  if (!calls.length) return null;
  return { text: rest.trim() || null, calls };
}

/** The reply stopped at its token limit inside a tool call: arguments cut short, or a `<tool_call>` never closed. */
export function cutInsideToolCall(reply: { finishReason: string | null; toolCalls: ToolCall[]; text: string | null; rawText?: string | null }): boolean {
  if (reply.finishReason !== "length") return false;
  if (reply.toolCalls.some((c) => c.argumentsError)) return true;
  const text = reply.rawText ?? reply.text ?? "";
  return text.lastIndexOf("<tool_call>") > text.lastIndexOf("</tool_call>");
}
