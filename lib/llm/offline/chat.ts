import { canonicalJson } from "../hash";
import { estimateTokens, type ProviderChatRequest, type ProviderChatResponse } from "../provider";
import type { ChatMessage, ToolCall, ToolDefinition } from "../types";
import { fillFromJsonSchema } from "./fill";
import { pickTools, rankTools } from "./relevance";
import { createRng, type Rng } from "./rng";
import { sentence } from "./values";
import { hintsFromText, type FillHints } from "./words";

const MAX_PARALLEL = 3;

function userTexts(messages: ChatMessage[]): string[] {
  return messages.filter((m) => m.role === "user").map((m) => m.content).reverse();
}

/** Hints with the latest user message first, then earlier ones, then the system prompt. */
function hintsFor(messages: ChatMessage[]): FillHints {
  const system = messages.filter((m) => m.role === "system").map((m) => m.content);
  return hintsFromText(...userTexts(messages), ...system);
}

function chooseTools(request: ProviderChatRequest, tools: ToolDefinition[]): ToolDefinition[] {
  const choice = request.toolChoice ?? "auto";
  if (typeof choice === "object") return tools.filter((t) => t.name === choice.name).slice(0, 1);
  const conversation = userTexts(request.messages).join("\n");
  const picked = pickTools(tools, conversation, MAX_PARALLEL);
  if (picked.length === 0 && choice === "required") return [rankTools(tools, conversation)[0].tool];
  return picked;
}

function toolCall(tool: ToolDefinition, rng: Rng, hints: FillHints): ToolCall {
  const args = fillFromJsonSchema(tool.parameters, rng, hints);
  return { id: `call_${rng.hex(16)}`, name: tool.name, arguments: args, rawArguments: JSON.stringify(args) };
}

function summarise(results: ChatMessage[]): string {
  const lines = results.map((m) => {
    const name = m.role === "tool" && m.name ? `${m.name}: ` : "";
    const content = (m.content ?? "").replace(/\s+/g, " ").trim();
    return `- ${name}${content.length > 240 ? `${content.slice(0, 240)}…` : content}`;
  });
  return `Here is what I found:\n${lines.join("\n")}`;
}

/** The offline model: deterministic for the request and seed, no network. */
export function offlineChat(request: ProviderChatRequest, model: string): ProviderChatResponse {
  const { messages } = request;
  const rng = createRng(canonicalJson({ seed: request.seed ?? 0, messages, tools: request.tools?.map((t) => t.name), format: request.responseFormat?.name }));
  const hints = hintsFor(messages);
  const promptTokens = estimateTokens(canonicalJson({ messages, tools: request.tools, format: request.responseFormat }));
  const respond = (text: string | null, toolCalls: ToolCall[] = []): ProviderChatResponse => ({
    text,
    reasoning: null,
    toolCalls,
    model,
    finishReason: toolCalls.length ? "tool_calls" : "stop",
    usage: { promptTokens, completionTokens: estimateTokens(text ?? toolCalls.map((c) => c.name + c.rawArguments).join("")) },
  });

  if (request.responseFormat) return respond(JSON.stringify(fillFromJsonSchema(request.responseFormat.schema, rng, hints)));

  const lastUser = messages.findLastIndex((m) => m.role === "user");
  const results = messages.slice(lastUser + 1).filter((m) => m.role === "tool");
  const forced = request.toolChoice === "required" || typeof request.toolChoice === "object";
  const tools = request.toolChoice === "none" ? [] : (request.tools ?? []);
  // Once the tools have answered the latest request, the episode ends with a text answer.
  if (tools.length && (results.length === 0 || forced)) {
    const chosen = chooseTools(request, tools);
    if (chosen.length) return respond(null, chosen.map((tool) => toolCall(tool, rng, hints)));
  }
  if (results.length) return respond(summarise(results));
  const topic = hints.words.slice(0, 3).join(" ") || "that";
  return respond(`${rng.pick(["Sure.", "Happy to help.", "Of course."])} About ${topic}: ${sentence(rng, hints, 8, 20)}`);
}
