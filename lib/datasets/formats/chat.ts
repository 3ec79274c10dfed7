import { z } from "zod";
import type { TrajectoryDoc } from "../../trajectory/types";
import { contentText } from "./content";
import { buildTrajectory, type RawCall, type RawTurn } from "./conversation";
import { parseRecord, RecordError } from "./errors";
import { parseToolList } from "./tools";

// The reader shared by every role-based dialect: OpenAI chat (with tool_calls,
// or the legacy function_call / role "function"), TRL / Hugging Face rows,
// and TRL's prompt + completion split of the same messages.

const callId = z.union([z.string(), z.number()]).transform(String).nullish();
const functionSchema = z.looseObject({ name: z.string().min(1), arguments: z.unknown().optional() });
const toolCallSchema = z.union([
  z
    .looseObject({ id: callId, type: z.string().optional(), function: functionSchema })
    .transform((c): RawCall => ({ id: c.id, name: c.function.name, arguments: c.function.arguments })),
  // some writers drop the `function` wrapper
  z
    .looseObject({ id: callId, name: z.string().min(1), arguments: z.unknown().optional() })
    .transform((c): RawCall => ({ id: c.id, name: c.name, arguments: c.arguments })),
]);
const messageSchema = z.looseObject({
  role: z.string(),
  content: z.unknown().optional(),
  name: z.string().nullish(),
  tool_calls: z.array(toolCallSchema).nullish(),
  function_call: functionSchema.nullish(),
  tool_call_id: callId,
  reasoning_content: z.string().nullish(),
  reasoning: z.string().nullish(),
  thinking: z.string().nullish(),
  is_error: z.boolean().optional(),
});
const chatRecordSchema = z.looseObject({
  messages: z.array(messageSchema).min(1, "has no messages"),
  tools: z.unknown().optional(),
  functions: z.unknown().optional(),
});
type ChatMessage = z.infer<typeof messageSchema>;

const ROLES: Record<string, RawTurn["role"]> = {
  system: "system",
  developer: "system",
  user: "user",
  human: "user",
  assistant: "assistant",
  gpt: "assistant",
  model: "assistant",
  tool: "tool",
  function: "tool",
  ipython: "tool",
};

export function readChatRecord(record: unknown): TrajectoryDoc {
  const r = parseRecord(chatRecordSchema, joinPromptCompletion(record));
  const declared = [...parseToolList(r.tools), ...parseToolList(r.functions, "functions")];
  return buildTrajectory(r.messages.map(readMessage), declared);
}

function readMessage(m: ChatMessage, i: number): RawTurn {
  const role = ROLES[m.role];
  if (!role) throw new RecordError(`messages.${i}.role: unknown role "${m.role}"`);
  const content = contentText(m.content);
  if (role === "assistant") {
    const calls: RawCall[] = [...(m.tool_calls ?? [])];
    if (m.function_call) calls.push({ name: m.function_call.name, arguments: m.function_call.arguments });
    return {
      role,
      // "" is how many writers fill content beside calls; it means no text
      content: calls.length && content === "" ? null : content,
      reasoning: m.reasoning_content ?? m.reasoning ?? m.thinking ?? null,
      calls,
    };
  }
  if (role === "tool") return { role, content, callId: m.tool_call_id, name: m.name, isError: m.is_error };
  return { role, content };
}

function joinPromptCompletion(record: unknown): unknown {
  if (!record || typeof record !== "object" || "messages" in record) return record;
  const { prompt, completion } = record as { prompt?: unknown; completion?: unknown };
  if (Array.isArray(prompt) && Array.isArray(completion)) return { ...record, messages: [...prompt, ...completion] };
  return record;
}
