import type { Step } from "../../trajectory/types";
import { argumentsAsString } from "./arguments";
import { readChatRecord } from "./chat";
import { functionTool } from "./tools";
import type { DatasetFormat, JsonRecord } from "./types";

// OpenAI chat fine-tuning JSONL with tools: assistant `tool_calls` whose
// arguments are JSON strings, `tool` messages answering them by id, and
// `tools` as function declarations.
export const openaiFormat: DatasetFormat = {
  id: "openai",
  title: "OpenAI chat fine-tuning",
  description:
    'One JSON object per line: `messages` (system, user, assistant with `tool_calls` whose `function.arguments` is a JSON string, `tool` answering by `tool_call_id`) and `tools` (`{"type":"function","function":{name, description, parameters}}`).',
  toRecord(doc) {
    const record: JsonRecord = { messages: doc.messages.map(openaiMessage) };
    if (doc.tools.length) record.tools = doc.tools.map(functionTool);
    return record;
  },
  fromRecord: readChatRecord,
};

function openaiMessage(m: Step): JsonRecord {
  if (m.role === "assistant" && m.toolCalls?.length) {
    return {
      role: "assistant",
      ...(m.content !== null ? { content: m.content } : {}),
      tool_calls: m.toolCalls.map((c) => ({ id: c.id, type: "function", function: { name: c.name, arguments: argumentsAsString(c) } })),
    };
  }
  if (m.role === "tool") return { role: "tool", ...(m.toolCallId ? { tool_call_id: m.toolCallId } : {}), content: m.content ?? "" };
  return { role: m.role, content: m.content ?? "" };
}
