import { z } from "zod";
import { FINISH_TOOL } from "../../simulation/react";
import { describeIssues } from "./errors";

// What each format's records must be before a trainer sees them. A record
// that fails is refused with these reasons, never written.

const parameters = z.record(z.string(), z.unknown());
const functionDeclaration = z.object({ name: z.string().min(1), description: z.string(), parameters });
const functionTool = z.object({ type: z.literal("function"), function: functionDeclaration });

function chatSchemas<A extends z.ZodType>(args: A) {
  const call = z.object({
    id: z.string().min(1, "a call has no id"),
    type: z.literal("function"),
    function: z.object({ name: z.string().min(1), arguments: args }),
  });
  const message = z.discriminatedUnion("role", [
    z.object({ role: z.literal("system"), content: z.string() }),
    z.object({ role: z.literal("user"), content: z.string() }),
    z.object({
      role: z.literal("assistant"),
      content: z.string().nullable(),
      reasoning_content: z.string().optional(),
      tool_calls: z.array(call).min(1).optional(),
      weight: z.literal(0).optional(),
    }),
    z.object({
      role: z.literal("tool"),
      tool_call_id: z.string().min(1, "a tool message has no tool_call_id"),
      name: z.string().min(1, "a tool message has no name"),
      content: z.string(),
    }),
  ]);
  return {
    message,
    record: z.object({
      messages: z.array(message).min(1, "has no messages"),
      tools: z.array(functionTool).optional(),
      parallel_tool_calls: z.literal(true).optional(),
    }),
  };
}

const openai = chatSchemas(z.string());
const trl = chatSchemas(z.unknown());
export type OpenAiMessage = z.infer<typeof openai.message>;
export type OpenAiRecord = z.infer<typeof openai.record>;
export type TrlMessage = z.infer<typeof trl.message>;
export type TrlRecord = z.infer<typeof trl.record>;

const isObject = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v);

function isObjectText(text: string): boolean {
  try {
    return isObject(JSON.parse(text));
  } catch {
    return false;
  }
}

/**
 * OpenAI and TRL records: system turns only first, every call answered by
 * exactly one tool message (naming its tool) before the next turn, only
 * declared tools called, arguments one JSON object (OpenAI: or the turn has
 * `weight: 0`), no empty reply a trainer would learn, and the last turn an
 * assistant reply.
 */
export function validateChatRecord(value: unknown, format: "openai" | "trl"): string[] {
  const parsed = (format === "openai" ? openai.record : trl.record).safeParse(value);
  if (!parsed.success) return [describeIssues(parsed.error)];
  const { messages, tools } = parsed.data;
  const declared = new Set((tools ?? []).map((t) => t.function.name));
  const problems: string[] = [];
  const seenIds = new Set<string>();
  let open = new Map<string, string>();
  let conversationStarted = false;
  const closeOpen = (at: number) => {
    for (const [id, name] of open) {
      problems.push(
        at < messages.length
          ? `messages.${at}: call ${id} (${name}) has no tool message before it`
          : `call ${id} (${name}) is never answered by a tool message`,
      );
    }
    open = new Map();
  };
  messages.forEach((m, i) => {
    if (m.role === "tool") {
      const name = open.get(m.tool_call_id);
      if (name === undefined) problems.push(`messages.${i}: the tool message answers ${m.tool_call_id}, which is not an open call`);
      else if (name !== m.name) problems.push(`messages.${i}: the tool message names ${m.name}, but call ${m.tool_call_id} is ${name}`);
      open.delete(m.tool_call_id);
      return;
    }
    closeOpen(i);
    if (m.role === "system") {
      if (conversationStarted) problems.push(`messages.${i}: a system message inside the conversation`);
      return;
    }
    conversationStarted = true;
    if (m.role !== "assistant") return;
    const weighted = "weight" in m && m.weight === 0;
    if (!m.tool_calls?.length && !m.content && !weighted) problems.push(`messages.${i}: an assistant turn with neither text nor a tool call`);
    for (const c of m.tool_calls ?? []) {
      if (seenIds.has(c.id)) problems.push(`messages.${i}: call id ${c.id} is used twice`);
      seenIds.add(c.id);
      open.set(c.id, c.function.name);
      if (!declared.has(c.function.name)) problems.push(`messages.${i}: calls ${c.function.name}, which is not declared in tools`);
      const args: unknown = c.function.arguments;
      // OpenAI carries arguments as JSON text; TRL as the object (a template would quote a string)
      const ok = format === "openai" ? typeof args === "string" && isObjectText(args) : isObject(args);
      if (!ok && !(format === "openai" && weighted)) problems.push(`messages.${i}: the arguments of ${c.function.name} are not one JSON object`);
    }
  });
  closeOpen(messages.length);
  const last = messages[messages.length - 1];
  if (last.role !== "assistant" || last.tool_calls?.length)
    problems.push(`the conversation ends on a ${last.role === "assistant" ? "tool call" : `${last.role} message`}, not on an assistant reply`);
  return problems;
}

const shareGptTurn = z.object({ from: z.enum(["human", "gpt", "function_call", "observation", "system"]), value: z.string() });
const shareGptRecord = z.object({ conversations: z.array(shareGptTurn).min(1, "has no turns"), tools: z.string(), system: z.string() });
export type ShareGptRecord = z.infer<typeof shareGptRecord>;

const USER_SIDE = ["human", "observation"];
const AGENT_SIDE = ["gpt", "function_call"];
const sharegptCall = z.object({ name: z.string().min(1), arguments: z.unknown() });
const sharegptCalls = z.union([sharegptCall, z.array(sharegptCall).min(1)]);
const namedTools = z.array(z.looseObject({ name: z.string() }));
const THOUGHT = /^<think>[\s\S]*?<\/think>/;

function declaredNames(toolsJson: string): Set<string> | null {
  try {
    const tools = namedTools.safeParse(JSON.parse(toolsJson));
    return tools.success ? new Set(tools.data.map((t) => t.name)) : null;
  } catch {
    return null;
  }
}

/** The calls of a function_call turn, or why it has none a trainer can read. */
function shareGptCalls(value: string): { name: string; arguments: unknown }[] | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.replace(THOUGHT, ""));
  } catch {
    return "its value is not JSON";
  }
  const calls = sharegptCalls.safeParse(parsed);
  if (!calls.success) return 'its value is not {"name", "arguments"} or a list of them';
  return Array.isArray(calls.data) ? calls.data : [calls.data];
}

/**
 * ShareGPT records as LLaMA-Factory's converter reads them: human or
 * observation at even indexes, gpt or function_call at odd ones, an even
 * number of turns ending on gpt; each function_call answered by the
 * observation after it (a JSON array of one text per call when there are
 * several), calling declared tools with object arguments.
 */
export function validateShareGptRecord(value: unknown): string[] {
  const parsed = shareGptRecord.safeParse(value);
  if (!parsed.success) return [describeIssues(parsed.error)];
  const { conversations: turns, tools } = parsed.data;
  const declared = declaredNames(tools);
  if (!declared) return ["tools is not a JSON list of {name, description, parameters}"];
  const problems: string[] = [];
  for (const [i, t] of turns.entries()) {
    const allowed = i % 2 === 0 ? USER_SIDE : AGENT_SIDE;
    if (!allowed.includes(t.from)) {
      problems.push(`conversations.${i}: a ${t.from} turn where LLaMA-Factory's order needs ${allowed.join(" or ")}`);
      return problems;
    }
    if (t.from === "gpt" && t.value === "") problems.push(`conversations.${i}: an assistant turn with neither text nor a call`);
    if (t.from !== "function_call") continue;
    const calls = shareGptCalls(t.value);
    if (typeof calls === "string") {
      problems.push(`conversations.${i}: a function_call whose ${calls}`);
      continue;
    }
    for (const c of calls) {
      if (!declared.has(c.name)) problems.push(`conversations.${i}: calls ${c.name}, which is not declared in tools`);
      if (!isObject(c.arguments)) problems.push(`conversations.${i}: the arguments of ${c.name} are not one JSON object`);
    }
    const next = turns[i + 1];
    if (next?.from !== "observation")
      problems.push(`conversations.${i}: the call${calls.length > 1 ? "s have" : " has"} no observation after ${calls.length > 1 ? "them" : "it"}`);
    else if (calls.length > 1 && !isTextList(next.value, calls.length))
      problems.push(`conversations.${i + 1}: the observation of ${calls.length} parallel calls is not a JSON list of ${calls.length} texts`);
  }
  for (const [i, t] of turns.entries()) {
    if (t.from === "observation" && turns[i - 1]?.from !== "function_call") problems.push(`conversations.${i}: an observation that answers no call`);
  }
  if (turns[turns.length - 1].from !== "gpt") problems.push("the conversation does not end on a gpt turn");
  return problems;
}

function isTextList(value: string, count: number): boolean {
  try {
    const list: unknown = JSON.parse(value);
    return Array.isArray(list) && list.length === count && list.every((x) => typeof x === "string");
  } catch {
    return false;
  }
}

const reactRecord = z.object({
  question: z.string(),
  system: z.string(),
  tools: z.array(functionDeclaration),
  trajectory: z.record(z.string(), z.unknown()),
  answer: z.string(),
  text: z.string(),
});
export type ReactRecord = z.infer<typeof reactRecord>;

/** ReAct records: declared tools only (`finish` among them), object arguments, an observation for every call, ending on `finish`. */
export function validateReactRecord(value: unknown): string[] {
  const parsed = reactRecord.safeParse(value);
  if (!parsed.success) return [describeIssues(parsed.error)];
  const { trajectory, tools } = parsed.data;
  const declared = new Set(tools.map((t) => t.name));
  const problems: string[] = [];
  let last: unknown = undefined;
  for (let i = 0; `tool_name_${i}` in trajectory; i++) {
    const name = trajectory[`tool_name_${i}`];
    last = name;
    if (typeof name !== "string" || !declared.has(name)) problems.push(`trajectory.tool_name_${i}: ${String(name)} is not declared in tools`);
    if (!isObject(trajectory[`tool_args_${i}`])) problems.push(`trajectory.tool_args_${i}: the arguments are not one JSON object`);
    if (typeof trajectory[`observation_${i}`] !== "string") problems.push(`trajectory.observation_${i}: the call of ${String(name)} has no observation`);
  }
  if (last !== FINISH_TOOL) problems.push("the trajectory does not end with finish");
  return problems;
}
