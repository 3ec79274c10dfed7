import type { Step } from "../../trajectory/types";
import { exportArguments } from "./arguments";
import { readChatRecord } from "./chat";
import { withJsonText } from "./record-line";
import { declaredTools, functionTool } from "./tools";
import type { Adjustment, DatasetFormat } from "./types";
import { validateChatRecord, type TrlMessage, type TrlRecord } from "./validate";

// TRL's conversational language-modeling rows with tool calling, as its
// dataset-formats guide documents them: `messages` whose assistant turns carry
// `tool_calls` with arguments as objects (in the key order and spelling the
// model wrote), `tool` turns naming their tool, and a `tools` column of
// JSON-schema function declarations for the chat template. Call ids ride
// along (`id`, `tool_call_id`): templates that need them use them.
export const trlFormat: DatasetFormat = {
  id: "trl",
  title: "Hugging Face / TRL conversational",
  description:
    'One row per line with a `messages` column (assistant `tool_calls`: `{"id","type":"function","function":{name, arguments: object}}` with `"content": null` beside calls; `tool` turns with `name`, `tool_call_id` and `content`; `reasoning_content` where the model reasoned) and a `tools` column of JSON-schema function declarations, ready for `SFTTrainer`.',
  trainingRule:
    "TRL has no per-turn weight: a record with a turn a trainer must not learn from (arguments that are not one JSON object, a reply with neither text nor a call) is refused, not written.",
  toRecord(doc, note) {
    const record: TrlRecord = { messages: doc.messages.map((m) => trlMessage(m, note)), tools: declaredTools(doc.tools).map(functionTool) };
    return record;
  },
  validate: (record) => validateChatRecord(record, "trl"),
  fromRecord: readChatRecord,
};

function trlMessage(m: Step, note?: (a: Adjustment) => void): TrlMessage {
  if (m.role === "assistant") {
    const calls = m.toolCalls ?? [];
    return {
      role: "assistant",
      content: calls.length ? m.content : (m.content ?? ""),
      ...(m.reasoning ? { reasoning_content: m.reasoning } : {}),
      ...(calls.length
        ? {
            tool_calls: calls.map((c) => {
              const args = exportArguments(c);
              if (args.lineText !== null && args.lineText !== args.text && !args.untrainable) note?.("arguments_on_one_line");
              return { id: c.id, type: "function" as const, function: { name: c.name, arguments: withJsonText(args.value, args.lineText) } };
            }),
          }
        : {}),
    };
  }
  if (m.role === "tool") return { role: "tool", name: m.toolName ?? "", tool_call_id: m.toolCallId ?? "", content: m.content ?? "" };
  return { role: m.role, content: m.content ?? "" };
}
