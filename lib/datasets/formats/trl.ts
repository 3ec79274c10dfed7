import type { Step } from "../../trajectory/types";
import { argumentsAsValue } from "./arguments";
import { readChatRecord } from "./chat";
import { functionTool } from "./tools";
import type { DatasetFormat, JsonRecord } from "./types";

// TRL's conversational language-modeling rows with tool calling, as its
// dataset-formats guide documents them: `messages` whose assistant turns carry
// `tool_calls` with arguments as objects, `tool` turns naming their tool, and a
// `tools` column of JSON-schema function declarations for the chat template.
// Call ids ride along (`id`, `tool_call_id`): templates that need them use them.
export const trlFormat: DatasetFormat = {
  id: "trl",
  title: "Hugging Face / TRL conversational",
  description:
    'One row per line with a `messages` column (assistant `tool_calls`: `{"type":"function","function":{name, arguments: object}}`; `tool` turns with `name` and `content`; `reasoning_content` where the model reasoned) and a `tools` column of JSON-schema function declarations, ready for `SFTTrainer`.',
  toRecord(doc) {
    return { messages: doc.messages.map(trlMessage), tools: doc.tools.map(functionTool) };
  },
  fromRecord: readChatRecord,
};

function trlMessage(m: Step): JsonRecord {
  if (m.role === "assistant") {
    const out: JsonRecord = { role: "assistant" };
    if (m.content !== null || !m.toolCalls?.length) out.content = m.content ?? "";
    if (m.reasoning) out.reasoning_content = m.reasoning;
    if (m.toolCalls?.length) {
      out.tool_calls = m.toolCalls.map((c) => ({ id: c.id, type: "function", function: { name: c.name, arguments: argumentsAsValue(c) } }));
    }
    return out;
  }
  if (m.role === "tool") {
    return { role: "tool", ...(m.toolName ? { name: m.toolName } : {}), ...(m.toolCallId ? { tool_call_id: m.toolCallId } : {}), content: m.content ?? "" };
  }
  return { role: m.role, content: m.content ?? "" };
}
