import type { Step } from "../../trajectory/types";
import { exportArguments } from "./arguments";
import { readChatRecord } from "./chat";
import { declaredTools, functionTool } from "./tools";
import type { DatasetFormat } from "./types";
import { validateChatRecord, type OpenAiMessage, type OpenAiRecord } from "./validate";

// OpenAI chat fine-tuning JSONL with tools: assistant `tool_calls` whose
// arguments are the JSON text the model wrote, `tool` messages answering them
// by id and naming their tool, `tools` as function declarations,
// `parallel_tool_calls` where the record has them, and `weight: 0` on a turn
// a trainer must not learn from.
export const openaiFormat: DatasetFormat = {
  id: "openai",
  title: "OpenAI chat fine-tuning",
  description:
    'One JSON object per line: `messages` (system, user, assistant with `tool_calls` whose `function.arguments` is the JSON text the model wrote and `"content": null` beside calls, `tool` answering by `tool_call_id` and naming its tool), `tools` (`{"type":"function","function":{name, description, parameters}}`) and `parallel_tool_calls: true` on records that call several tools at once.',
  trainingRule:
    "An assistant turn carries `weight: 0`, so a trainer does not learn from it, when one of its tool calls has arguments that are not one JSON object (text that does not parse, or an object encoded twice), or when it holds neither text nor a call. Such turns stay in the record because later turns depend on them.",
  toRecord(doc) {
    const record: OpenAiRecord = { messages: doc.messages.map(openaiMessage) };
    const tools = declaredTools(doc.tools);
    if (tools.length) record.tools = tools.map(functionTool);
    if (doc.messages.some((m) => (m.toolCalls?.length ?? 0) > 1)) record.parallel_tool_calls = true;
    return record;
  },
  validate: (record) => validateChatRecord(record, "openai"),
  fromRecord: readChatRecord,
};

function openaiMessage(m: Step): OpenAiMessage {
  if (m.role === "assistant") {
    const args = (m.toolCalls ?? []).map(exportArguments);
    const untrained = args.some((a) => a.untrainable) || (!m.toolCalls?.length && !m.content);
    return {
      role: "assistant",
      content: m.toolCalls?.length ? m.content : (m.content ?? ""),
      ...(m.toolCalls?.length
        ? { tool_calls: m.toolCalls.map((c, i) => ({ id: c.id, type: "function" as const, function: { name: c.name, arguments: args[i].text } })) }
        : {}),
      ...(untrained ? { weight: 0 as const } : {}),
    };
  }
  if (m.role === "tool") return { role: "tool", tool_call_id: m.toolCallId ?? "", name: m.toolName ?? "", content: m.content ?? "" };
  return { role: m.role, content: m.content ?? "" };
}
