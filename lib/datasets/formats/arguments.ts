import type { ToolCall } from "../../trajectory/types";

type Arguments = Pick<ToolCall, "arguments" | "rawArguments" | "argumentsError">;

/**
 * Call arguments as files carry them: an object, a JSON string, a JSON string
 * of a JSON string (double-encoded), empty, or text that is not JSON at all.
 * Unparseable text is kept verbatim in rawArguments with the reason.
 */
export function normalizeArguments(value: unknown): Arguments {
  if (value === undefined || value === null) return { arguments: {} };
  if (typeof value !== "string") return { arguments: value };
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

/** Arguments as a JSON string (OpenAI); text that never parsed goes out as it came in. */
export function argumentsAsString(call: ToolCall): string {
  if (call.argumentsError && call.rawArguments !== undefined) return call.rawArguments;
  return JSON.stringify(call.arguments ?? {});
}

/** Arguments as an object (TRL, ShareGPT); text that never parsed goes out as it came in. */
export function argumentsAsValue(call: ToolCall): unknown {
  if (call.argumentsError && call.rawArguments !== undefined) return call.rawArguments;
  return call.arguments ?? {};
}
