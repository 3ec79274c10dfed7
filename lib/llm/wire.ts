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
          m.toolCalls?.map((c) => ({ id: c.id, type: "function" as const, function: { name: c.name, arguments: c.rawArguments ?? JSON.stringify(c.arguments ?? {}) } }));
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

/** Parses a tool call's arguments; text that is not a JSON object is reported, never thrown. */
export function parseToolCall(raw: { id?: string | null; function?: { name?: string | null; arguments?: string | null } }, index: number): ToolCall {
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
