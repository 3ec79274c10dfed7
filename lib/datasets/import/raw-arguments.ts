import type { TrajectoryDoc } from "../../trajectory/types";
import type { Dialect } from "./detect";

const CALL_ARGUMENTS = /^(messages|prompt|completion)\.(\d+)\.tool_calls\.(\d+)\.function\.arguments$/;

type Frame = { array: boolean; key: string | null; index: number; expectKey: boolean; start: number; path: string | null };

/**
 * The text of every call's arguments written as a JSON object (TRL rows) in a
 * record's line, by the path of the call: JSON.parse keeps the keys' order but
 * not the spacing, and the arguments are kept as the file wrote them.
 */
export function objectArgumentTexts(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const stack: Frame[] = [];
  const pathOf = () => stack.map((f) => (f.array ? String(f.index) : f.key)).join(".");
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      if (top && !top.array && top.expectKey) {
        top.key = JSON.parse(text.slice(i, j + 1)) as string;
        top.expectKey = false;
      }
      i = j;
    } else if (c === "{" || c === "[") {
      const path = stack.length ? pathOf() : "";
      stack.push({ array: c === "[", key: null, index: 0, expectKey: c === "{", start: i, path: CALL_ARGUMENTS.test(path) ? path : null });
    } else if (c === "}" || c === "]") {
      const frame = stack.pop();
      if (frame?.path) out.set(frame.path, text.slice(frame.start, i + 1));
    } else if (c === "," && top) {
      if (top.array) top.index++;
      else top.expectKey = true;
    }
  }
  return out;
}

/** Gives each call whose arguments the record wrote as an object the text it wrote them in. */
export function keepObjectArgumentTexts(doc: TrajectoryDoc, dialect: Dialect, record: unknown, text: string): void {
  if (dialect !== "trl" && dialect !== "openai") return;
  const texts = objectArgumentTexts(text);
  if (!texts.size) return;
  const r = record as { messages?: unknown[]; prompt?: unknown[] };
  const promptLength = Array.isArray(r.messages) ? 0 : (r.prompt?.length ?? 0);
  doc.messages.forEach((m, i) => {
    const source = Array.isArray(r.messages) ? `messages.${i}` : i < promptLength ? `prompt.${i}` : `completion.${i - promptLength}`;
    m.toolCalls?.forEach((call, k) => {
      const raw = texts.get(`${source}.tool_calls.${k}.function.arguments`);
      if (raw !== undefined && call.rawArguments !== undefined && JSON.stringify(JSON.parse(raw)) === call.rawArguments) call.rawArguments = raw;
    });
  });
}
