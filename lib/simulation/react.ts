import type { ToolSpec } from "../trajectory/types";
import { parseLenientJson } from "./lenient-json";

// The ReAct text protocol as DSPy's ReAct module speaks it: each turn the
// model writes next_thought, next_tool_name and next_tool_args, and the
// `finish` tool ends the episode with the final answer in its arguments.

export const FINISH_TOOL = "finish";
export const REACT_FIELDS = ["next_thought", "next_tool_name", "next_tool_args"] as const;

export function finishTool(interactive: boolean): ToolSpec {
  return {
    name: FINISH_TOOL,
    description: interactive
      ? "Ends your turn and sends `answer` to the user: your final answer, or a question when you need more information from them."
      : "Marks the task as complete. That is, signals that all information for producing the outputs, i.e. `answer`, is now available; `answer` is the final answer.",
    parameters: { type: "object", properties: { answer: { type: "string" } }, required: ["answer"] },
  };
}

/** The instructions DSPy's ReAct gives, with the agent's tools and `finish` rendered into them. */
export function renderReactInstructions(tools: ToolSpec[], opts: { interactive: boolean }): string {
  const all = [...tools.filter((t) => t.name !== FINISH_TOOL), finishTool(opts.interactive)];
  const listed = all.map((t, i) => {
    const args = (t.parameters as { properties?: unknown }).properties ?? {};
    return `(${i + 1}) ${t.name}, whose description is <desc>${t.description}</desc>. It takes arguments ${JSON.stringify(args)}.`;
  });
  return [
    `You are an Agent. In each episode, you will be given the conversation so far as input. And you can see your past trajectory so far.`,
    `Your goal is to use one or more of the supplied tools to collect any necessary information for producing \`answer\`.`,
    ``,
    `To do this, you will interleave next_thought, next_tool_name, and next_tool_args in each turn, and also when finishing the task.`,
    `After each tool call, you receive a resulting observation, which gets appended to your trajectory.`,
    ``,
    `When writing next_thought, you may reason about the current situation and plan for future steps.`,
    `When selecting the next_tool_name and its next_tool_args, the tool must be one of:`,
    ``,
    ...listed,
    `When providing \`next_tool_args\`, the value inside the field must be in JSON format`,
    ``,
    `Respond with the corresponding output fields, starting with the field \`[[ ## next_thought ## ]]\`, then \`[[ ## next_tool_name ## ]]\`, then \`[[ ## next_tool_args ## ]]\` (must be formatted as a valid JSON object), and then ending with the marker for \`[[ ## completed ## ]]\`.`,
  ].join("\n");
}

/** One step in DSPy's own output format. */
export function renderReactStep(step: { thought: string | null; toolName: string; args: unknown }): string {
  return [
    `[[ ## next_thought ## ]]`,
    step.thought ?? "",
    ``,
    `[[ ## next_tool_name ## ]]`,
    step.toolName,
    ``,
    `[[ ## next_tool_args ## ]]`,
    JSON.stringify(step.args ?? {}),
    ``,
    `[[ ## completed ## ]]`,
  ].join("\n");
}

export function renderObservation(content: string): string {
  return `[[ ## observation ## ]]\n${content}`;
}

export type ReactFormat = "markers" | "json" | "labels";

export type ReactParse =
  | {
      ok: true;
      format: ReactFormat;
      thought: string | null;
      toolName: string;
      args: unknown;
      /** the arguments as written, for the trajectory */
      rawArgs: string;
      /** set when the arguments were present but could not be read */
      argsError?: string;
      /** what the parser had to fix (informational, not violations) */
      repairs: string[];
    }
  | { ok: false; error: string };

const ALIASES = {
  thought: ["next_thought", "thought", "thoughts", "reasoning", "thinking"],
  tool: ["next_tool_name", "tool_name", "tool", "action", "function", "name"],
  args: ["next_tool_args", "tool_args", "args", "arguments", "action_input", "tool_input", "input", "parameters"],
} as const;

type Fields = { thought?: unknown; tool?: unknown; args?: unknown };

/**
 * Reads one ReAct step from what a model wrote. `toolNames`, when given,
 * lets a tool name that differs only in case or decoration resolve.
 */
export function parseReactStep(text: string, opts: { toolNames?: string[] } = {}): ReactParse {
  const repairs: string[] = [];
  const { body, think } = splitThink(text);
  if (think) repairs.push("read the thought from a <think> block");
  const found = fromMarkers(body) ?? fromJson(body) ?? fromLabels(body);
  if (!found) {
    return {
      ok: false,
      error: `Could not find next_thought, next_tool_name and next_tool_args in the reply. ${FORMAT_HINT}`,
    };
  }
  const { format, fields } = found;
  const thought = toText(fields.thought) ?? think;
  const rawName = toText(fields.tool);
  if (!rawName) return { ok: false, error: `The reply has no next_tool_name. ${FORMAT_HINT}` };
  const toolName = resolveToolName(rawName, opts.toolNames, repairs);
  const args = readArgs(fields.args, repairs);
  return { ok: true, format, thought, toolName, repairs, ...args };
}

export const FORMAT_HINT =
  "Reply with the fields `[[ ## next_thought ## ]]`, `[[ ## next_tool_name ## ]]` (one of the listed tools, or finish) and `[[ ## next_tool_args ## ]]` (a JSON object).";

function splitThink(text: string): { body: string; think: string | null } {
  const m = text.match(/<think(?:ing)?>([\s\S]*?)<\/think(?:ing)?>/i);
  if (!m) return { body: text, think: null };
  return { body: text.replace(m[0], ""), think: m[1].trim() || null };
}

const MARKER = /\[\[\s*##\s*([a-zA-Z_]+)\s*##\s*\]\]/g;

function fromMarkers(text: string): { format: ReactFormat; fields: Fields } | null {
  const marks = [...text.matchAll(MARKER)];
  if (marks.length === 0) return null;
  const raw: Record<string, string> = {};
  marks.forEach((m, i) => {
    const end = i + 1 < marks.length ? marks[i + 1].index : text.length;
    raw[m[1].toLowerCase()] = text.slice(m.index + m[0].length, end).trim();
  });
  const fields = pickAliases(raw);
  return fields.tool === undefined && fields.args === undefined ? null : { format: "markers", fields };
}

function fromJson(text: string): { format: ReactFormat; fields: Fields } | null {
  const parsed = parseLenientJson(text);
  if (!parsed.ok || !isRecord(parsed.value)) return null;
  let obj: Record<string, unknown> = parsed.value;
  // {"action": {"name": ..., "arguments": ...}} and the like
  for (const key of ["action", "tool_call", "next_tool", "function_call", "tool"]) {
    const inner = obj[key];
    if (isRecord(inner) && ("name" in inner || "tool_name" in inner)) {
      obj = { ...obj, [key]: undefined, ...inner };
      break;
    }
  }
  const fields = pickAliases(obj);
  return fields.tool === undefined ? null : { format: "json", fields };
}

const LABEL_NAMES = [...ALIASES.thought, ...ALIASES.tool, ...ALIASES.args].map((n) => n.replace(/_/g, "[ _]"));
const LABEL = new RegExp(`^[ \\t>*#-]*\\**(${LABEL_NAMES.join("|")})\\**[ \\t]*\\**:\\**`, "gim");

function fromLabels(text: string): { format: ReactFormat; fields: Fields } | null {
  const marks = [...text.matchAll(LABEL)];
  if (marks.length === 0) return null;
  const raw: Record<string, string> = {};
  marks.forEach((m, i) => {
    const end = i + 1 < marks.length ? marks[i + 1].index : text.length;
    const key = m[1].toLowerCase().replace(/ /g, "_");
    raw[key] ??= text.slice(m.index + m[0].length, end).trim();
  });
  const fields = pickAliases(raw);
  return fields.tool === undefined ? null : { format: "labels", fields };
}

function pickAliases(obj: Record<string, unknown>): Fields {
  const pick = (names: readonly string[]) => {
    for (const n of names) if (obj[n] !== undefined) return obj[n];
    return undefined;
  };
  return { thought: pick(ALIASES.thought), tool: pick(ALIASES.tool), args: pick(ALIASES.args) };
}

function toText(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  const s = typeof v === "string" ? v.trim() : JSON.stringify(v);
  return s === "" ? null : s;
}

function resolveToolName(raw: string, known: string[] | undefined, repairs: string[]): string {
  // first line only: models add prose after the name
  const firstLine = raw.split("\n").find((l) => l.trim()) ?? raw;
  const cleaned = firstLine
    .trim()
    .replace(/^[`*'"\s]+|[`*'"\s.,;:]+$/g, "")
    .replace(/^functions\./, "")
    .replace(/\(\s*\)$/, "");
  if (cleaned !== raw) repairs.push(`tool name "${raw}" read as "${cleaned}"`);
  if (!known || known.includes(cleaned)) return cleaned;
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
  const match = known.find((k) => squash(k) === squash(cleaned));
  if (match) {
    repairs.push(`tool name "${cleaned}" matched "${match}"`);
    return match;
  }
  return cleaned;
}

function readArgs(v: unknown, repairs: string[]): { args: unknown; rawArgs: string; argsError?: string } {
  if (v === undefined || v === null) {
    repairs.push("no next_tool_args: read as {}");
    return { args: {}, rawArgs: "" };
  }
  if (typeof v !== "string") return { args: v, rawArgs: JSON.stringify(v) };
  const rawArgs = v;
  if (!rawArgs.trim()) return { args: {}, rawArgs };
  const parsed = parseLenientJson(rawArgs);
  if (!parsed.ok) return { args: null, rawArgs, argsError: `next_tool_args is not valid JSON: ${parsed.error}` };
  if (parsed.repaired) repairs.push("repaired next_tool_args into JSON");
  // a JSON object encoded as a string inside JSON
  if (typeof parsed.value === "string") {
    const inner = parseLenientJson(parsed.value);
    if (inner.ok && isRecord(inner.value)) return { args: inner.value, rawArgs };
  }
  return { args: parsed.value, rawArgs };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
