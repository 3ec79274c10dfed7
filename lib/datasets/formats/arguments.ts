import type { ToolCall } from "../../trajectory/types";

type Arguments = Pick<ToolCall, "arguments" | "rawArguments" | "argumentsError">;

/**
 * Call arguments as files carry them: an object, a JSON string, a JSON string
 * of a JSON string (double-encoded), empty, or text that is not JSON at all.
 * Unparseable text is kept verbatim in rawArguments with the reason.
 */
export function normalizeArguments(value: unknown): Arguments {
  if (value === undefined || value === null) return { arguments: {} };
  // an object read from a file: its text is the file's, in the file's key order (jsonb keeps neither)
  if (typeof value !== "string") return { arguments: value, rawArguments: JSON.stringify(value) };
  if (value.trim() === "") return { arguments: {}, rawArguments: value };
  try {
    let parsed: unknown = JSON.parse(value);
    if (typeof parsed === "string" && /^\s*[{[]/.test(parsed)) {
      try {
        parsed = JSON.parse(parsed);
      } catch {
        // a string argument that merely looks like JSON: keep it as the string
      }
    }
    return { arguments: parsed, rawArguments: value };
  } catch (e) {
    return { arguments: {}, rawArguments: value, argumentsError: `arguments are not JSON: ${(e as Error).message}` };
  }
}

/** A call's arguments as an export writes them. */
export type ExportedArguments = {
  /** the text the model or the file wrote: what every export writes */
  text: string;
  /** that text read as JSON, in its own key order; the text itself when it is not JSON */
  value: unknown;
  /** the value's text as it goes into a JSONL line (one line: line breaks between tokens removed) */
  lineText: string | null;
  /** set when the text is not one JSON object: a trainer must not learn from the call */
  untrainable?: string;
};

/**
 * The stored text of the arguments is the source of truth for export; the
 * parsed `arguments` came back from jsonb, which sorts keys and drops the
 * model's spacing, so it is used only for rows stored before their text was.
 */
export function exportArguments(call: ToolCall): ExportedArguments {
  const text = call.rawArguments ?? JSON.stringify(call.arguments ?? {});
  if (text.trim() === "") return { text, value: {}, lineText: null };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { text, value: text, lineText: null, untrainable: "the arguments are not JSON" };
  }
  if (isJsonObject(value)) return { text, value, lineText: oneLine(text) };
  if (typeof value === "string") {
    try {
      const inner: unknown = JSON.parse(value);
      if (isJsonObject(inner)) return { text, value: inner, lineText: oneLine(value), untrainable: "the arguments are a JSON object encoded twice" };
    } catch {
      // a string, not an encoded object
    }
  }
  return { text, value, lineText: null, untrainable: "the arguments are not a JSON object" };
}

function isJsonObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** JSON text on one line: each run of whitespace between tokens that breaks the line is removed (strings hold no raw line breaks); everything else stays as written. */
function oneLine(text: string): string {
  if (!/[\r\n]/.test(text)) return text;
  let out = "";
  let run = "";
  let inString = false;
  let escaped = false;
  for (const ch of text) {
    if (inString) {
      out += ch;
      if (escaped) escaped = false;
      else if (ch === "\\") escaped = true;
      else if (ch === '"') inString = false;
    } else if (ch === " " || ch === "\t" || ch === "\n" || ch === "\r") run += ch;
    else {
      if (!/[\r\n]/.test(run)) out += run;
      run = "";
      if (ch === '"') inString = true;
      out += ch;
    }
  }
  return out;
}
