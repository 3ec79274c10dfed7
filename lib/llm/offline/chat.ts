import { canonicalJson } from "../hash";
import { estimateTokens, type ProviderChatRequest, type ProviderChatResponse } from "../provider";
import type { ChatMessage, ToolCall, ToolDefinition } from "../types";
import { answerFrom, directAnswer, type Observation } from "./answer";
import { fillFromJsonSchema } from "./fill";
import { MAX_TOOLS_PER_TURN, nextTools } from "./next-tools";
import { readReactPrompt, reactReply } from "./react";
import { pickTools, rankTools } from "./relevance";
import { createRng, type Rng } from "./rng";
import { hintsFromText, type FillHints } from "./words";
import { worldStepReply } from "./world-step";
import { idsIn, withGivenIds } from "./ids";
import { valuesIn, withGivenValues } from "./given-values";
import { WORLD_STEP_FORMAT } from "../../world/protocol";
import { TASK_FORMAT } from "../../synthesis/task-prompt-format";
import { USER_TURN_FORMAT } from "../../simulation/user-turn-format";
import { taskDraftReply } from "./task-draft";
import { userTurnReply } from "./user-turn";

function userTexts(messages: ChatMessage[]): string[] {
  return messages
    .filter((m) => m.role === "user")
    .map((m) => m.content)
    .reverse();
}

/** Hints with the latest user message first, then earlier ones, then the system prompt. */
function hintsFor(messages: ChatMessage[]): FillHints {
  const system = messages.filter((m) => m.role === "system").map((m) => m.content);
  return hintsFromText(...userTexts(messages), ...system);
}

/** A tool choice that names a tool, or requires one, is obeyed on every turn. */
function forcedTools(request: ProviderChatRequest, tools: ToolDefinition[]): ToolDefinition[] {
  const choice = request.toolChoice;
  if (typeof choice === "object") return tools.filter((t) => t.name === choice.name).slice(0, 1);
  const conversation = userTexts(request.messages).join("\n");
  const picked = pickTools(tools, conversation, MAX_TOOLS_PER_TURN);
  return picked.length ? picked : [rankTools(tools, conversation)[0].tool];
}

/** The tool calls of assistant messages (in either spelling), id to tool name. */
function callsIn(messages: ChatMessage[]): Map<string, string> {
  const calls = new Map<string, string>();
  for (const m of messages) {
    if (m.role !== "assistant") continue;
    for (const c of m.toolCalls ?? []) calls.set(c.id, c.name);
    for (const c of m.tool_calls ?? []) calls.set(c.id, c.function.name);
  }
  return calls;
}

type ToolMessage = Extract<ChatMessage, { role: "tool" }>;

function observations(results: ToolMessage[], calls: Map<string, string>): Observation[] {
  return results.map((m) => ({ tool: m.name ?? calls.get(m.toolCallId ?? m.tool_call_id ?? "") ?? null, content: m.content }));
}

function toolCall(tool: ToolDefinition, rng: Rng, hints: FillHints, said: string[] = []): ToolCall {
  const args = withGivenValues(withGivenIds(fillFromJsonSchema(tool.parameters, rng, hints), idsIn(said)), valuesIn(said), tool.parameters);
  return { id: `call_${rng.hex(16)}`, name: tool.name, arguments: args, rawArguments: JSON.stringify(args) };
}

/** The offline model: deterministic for the request and seed, no network. */
export function offlineChat(request: ProviderChatRequest, model: string): ProviderChatResponse {
  const { messages } = request;
  const rng = createRng(canonicalJson({ seed: request.seed ?? 0, messages, tools: request.tools?.map((t) => t.name), format: request.responseFormat?.name }));
  const promptTokens = estimateTokens(canonicalJson({ messages, tools: request.tools, format: request.responseFormat }));
  const respond = (text: string | null, toolCalls: ToolCall[] = []): ProviderChatResponse => ({
    text,
    reasoning: null,
    toolCalls,
    model,
    finishReason: toolCalls.length ? "tool_calls" : "stop",
    usage: { promptTokens, completionTokens: estimateTokens(text ?? toolCalls.map((c) => c.name + c.rawArguments).join("")) },
  });

  if (request.responseFormat?.name === WORLD_STEP_FORMAT) {
    const step = worldStepReply(messages, request.responseFormat.schema, rng, hintsFor(messages));
    if (step) return respond(step);
  }
  if (request.responseFormat?.name === USER_TURN_FORMAT) return respond(userTurnReply(messages, request.responseFormat.schema, rng, hintsFor(messages)));
  if (request.responseFormat?.name === TASK_FORMAT) {
    const draft = taskDraftReply(userTexts(messages).join("\n"), request.responseFormat.schema, rng, hintsFor(messages));
    if (draft) return respond(draft);
  }
  if (request.responseFormat) return respond(JSON.stringify(fillFromJsonSchema(request.responseFormat.schema, rng, hintsFor(messages))));

  const react = request.toolChoice === "none" ? null : readReactPrompt(messages);
  if (react) return respond(reactReply(react, messages, rng, request.tools));

  const hints = hintsFor(messages);
  const lastUser = messages.findLastIndex((m) => m.role === "user");
  const since = messages.slice(lastUser + 1);
  const calls = callsIn(since);
  const results = observations(
    since.filter((m): m is ToolMessage => m.role === "tool"),
    calls,
  );
  const tools = request.toolChoice === "none" ? [] : (request.tools ?? []);
  if (tools.length) {
    const forced = request.toolChoice === "required" || typeof request.toolChoice === "object";
    const said = userTexts(messages);
    const called = new Set([...calls.values(), ...results.flatMap((r) => r.tool ?? [])]);
    const chosen = forced ? forcedTools(request, tools) : nextTools(tools, { conversation: said.join("\n"), called, reply: said.length > 1 });
    if (chosen.length)
      return respond(
        null,
        chosen.map((tool) => toolCall(tool, rng, hints, said)),
      );
  }
  if (results.length) return respond(answerFrom(results));
  return respond(directAnswer(rng, hints));
}
