import { z } from "zod";
import type { Step, ToolCall, TrajectoryDoc } from "../../trajectory/types";
import { exportArguments } from "./arguments";
import { contentText } from "./content";
import { buildTrajectory, type RawCall, type RawTurn } from "./conversation";
import { parseRecord, RecordError } from "./errors";
import { memberTexts } from "./json-spans";
import { bareFunction, declaredTools, parseToolList } from "./tools";
import type { Adjustment, DatasetFormat } from "./types";
import { validateShareGptRecord, type ShareGptRecord } from "./validate";

// ShareGPT with function calls as APIGen-MT (and LLaMA-Factory) ship it:
// `conversations` of human / function_call / observation / gpt turns, where a
// function_call's value is the JSON text {"name", "arguments"} (a JSON array of
// them for parallel calls), `tools` as a JSON string and the system prompt in
// `system`. There are no call ids: calls and results pair by position. The
// turns keep the order LLaMA-Factory's converter enforces (human or
// observation, then gpt or function_call, alternating, ending on the agent):
// text beside calls goes into the function_call turn as a <think> thought,
// the results of parallel calls into one observation (a JSON array of their
// texts), and a conversation the agent opens starts with an empty human turn.
export const sharegptFormat: DatasetFormat = {
  id: "sharegpt",
  title: "ShareGPT with function calls (APIGen-MT)",
  description:
    'One object per line: `conversations` (`{"from","value"}` turns: human, gpt, function_call whose value is the JSON text `{"name","arguments"}` (led by the call `"id"` when the model or the source file gave it) with the arguments as the model wrote them — a JSON array for parallel calls, text beside the calls before it as `<think>…</think>` — and observation: the result, or a JSON array of the results of parallel calls in call order), `tools` (a JSON string of `{name, description, parameters}`) and `system`. Turns alternate as LLaMA-Factory requires: human or observation, then gpt or function_call, ending on gpt.',
  trainingRule:
    "ShareGPT has no per-turn weight: a record with a turn a trainer must not learn from (arguments that are not one JSON object, a reply with neither text nor a call) is refused, not written.",
  toRecord(doc, note) {
    const leading = doc.messages.findIndex((m) => m.role !== "system");
    const head = leading < 0 ? doc.messages : doc.messages.slice(0, leading);
    const rest = leading < 0 ? [] : doc.messages.slice(leading);
    const record: ShareGptRecord = {
      conversations: sharegptTurns(rest, note),
      tools: JSON.stringify(declaredTools(doc.tools).map(bareFunction)),
      system: head.map((m) => m.content ?? "").join("\n\n"),
    };
    return record;
  },
  validate: validateShareGptRecord,
  fromRecord: readShareGpt,
};

type Turn = ShareGptRecord["conversations"][number];

function sharegptTurns(messages: Step[], note?: (a: Adjustment) => void): Turn[] {
  const turns: Turn[] = [];
  let calls: ToolCall[] = [];
  let results: Step[] = [];
  const flushResults = () => {
    if (!results.length) return;
    if (results.length === 1) turns.push({ from: "observation", value: results[0].content ?? "" });
    else {
      const order = (r: Step) => {
        const at = calls.findIndex((c) => c.id === r.toolCallId);
        return at < 0 ? calls.length : at;
      };
      const texts = [...results].sort((a, b) => order(a) - order(b)).map((r) => r.content ?? "");
      turns.push({ from: "observation", value: JSON.stringify(texts) });
      note?.("observations_joined");
    }
    results = [];
  };
  for (const m of messages) {
    if (m.role === "tool") {
      results.push(m);
      continue;
    }
    flushResults();
    if (m.role === "system") turns.push({ from: "system", value: m.content ?? "" });
    else if (m.role === "user") turns.push({ from: "human", value: m.content ?? "" });
    else if (m.toolCalls?.length) {
      calls = m.toolCalls;
      const text = calls.map(callText);
      const value = calls.length === 1 ? text[0] : `[${text.join(", ")}]`;
      if (m.content) note?.("text_as_thought");
      turns.push({ from: "function_call", value: m.content ? `<think>${m.content}</think>${value}` : value });
    } else turns.push({ from: "gpt", value: m.content ?? "" });
  }
  flushResults();
  if (turns[0] && (turns[0].from === "gpt" || turns[0].from === "function_call")) {
    turns.unshift({ from: "human", value: "" });
    note?.("empty_user_turn");
  }
  return turns;
}

/**
 * {"name", "arguments"} with the arguments as the model wrote them (text that
 * is not JSON goes as a JSON string, and the record is refused), led by the
 * call's "id" when the id is the model's or the file's own; one the studio
 * gave (`sourceId` set) is left out, so a file without ids stays without.
 */
function callText(c: ToolCall): string {
  const args = exportArguments(c);
  const text = args.value === args.text ? JSON.stringify(args.text) : args.text.trim() === "" ? "{}" : args.text;
  const id = c.sourceId === undefined ? `"id": ${JSON.stringify(c.id)}, ` : "";
  return `{${id}"name": ${JSON.stringify(c.name)}, "arguments": ${text}}`;
}

const turnSchema = z.looseObject({
  from: z.string().optional(),
  role: z.string().optional(),
  value: z.unknown().optional(),
  content: z.unknown().optional(),
});
const recordSchema = z.looseObject({
  conversations: z.array(turnSchema).min(1, "has no turns"),
  tools: z.unknown().optional(),
  tool: z.unknown().optional(),
  system: z.string().nullish(),
});
const callSchema = z.looseObject({ name: z.string().min(1), arguments: z.unknown().optional(), id: z.string().nullish() });
const callsSchema = z.union([callSchema, z.array(callSchema)]);

const FROM: Record<string, "system" | "user" | "assistant" | "call" | "tool"> = {
  system: "system",
  human: "user",
  user: "user",
  gpt: "assistant",
  assistant: "assistant",
  function_call: "call",
  observation: "tool",
  tool: "tool",
  function_response: "tool",
};

function readShareGpt(record: unknown): TrajectoryDoc {
  const r = parseRecord(recordSchema, record);
  const turns: RawTurn[] = r.system ? [{ role: "system", content: r.system }] : [];
  r.conversations.forEach((t, i) => {
    const from = t.from ?? t.role ?? "";
    const kind = FROM[from];
    if (!kind) throw new RecordError(`conversations.${i}.from: unknown speaker "${from}"`);
    const value = t.value !== undefined ? t.value : t.content;
    const last = turns[turns.length - 1];
    if (kind === "call") {
      const { thought, calls } = readCalls(value, i);
      // "[]": the turn says no function was called (glaive/ToolACE-style files write it)
      if (!calls.length) return;
      // text then calls, or several calls in a row, are one assistant turn
      if (last?.role === "assistant" && thought === null) last.calls.push(...calls);
      else turns.push({ role: "assistant", content: thought, calls });
    } else if (kind === "assistant") turns.push({ role: "assistant", content: contentText(value), calls: [] });
    else if (kind === "tool") {
      const next = r.conversations[i + 1];
      const joined =
        last?.role === "assistant" && last.calls.length > 1 && FROM[next?.from ?? next?.role ?? ""] !== "tool" ? joinedResults(value, last.calls.length) : null;
      if (joined) turns.push(...joined.map((content): RawTurn => ({ role: "tool", content })));
      else turns.push({ role: "tool", content: contentText(value) });
    } else turns.push({ role: kind, content: contentText(value) });
  });
  return buildTrajectory(turns, parseToolList(r.tools ?? r.tool));
}

/** One observation holding the results of `count` parallel calls: a JSON array of that many texts. */
function joinedResults(value: unknown, count: number): string[] | null {
  if (typeof value !== "string" || !value.startsWith("[")) return null;
  try {
    const list: unknown = JSON.parse(value);
    return Array.isArray(list) && list.length === count && list.every((x) => typeof x === "string") ? list : null;
  } catch {
    return null;
  }
}

const THOUGHT = /^<think>([\s\S]*?)<\/think>/;

function readCalls(value: unknown, i: number): { thought: string | null; calls: RawCall[] } {
  let parsed = value;
  let thought: string | null = null;
  let argumentTexts: (string | undefined)[] = [];
  if (typeof value === "string") {
    const m = THOUGHT.exec(value);
    if (m) thought = m[1];
    const body = m ? value.slice(m[0].length) : value;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new RecordError(`conversations.${i}: a function_call's value must be JSON {"name", "arguments"}`);
    }
    argumentTexts = memberTexts(body, "arguments");
  }
  const calls = callsSchema.safeParse(parsed);
  if (!calls.success) throw new RecordError(`conversations.${i}: a function_call's value must be JSON {"name", "arguments"}`);
  const list = Array.isArray(calls.data) ? calls.data : [calls.data];
  // an object's text as the file wrote it (spacing, key order) is the arguments' text
  const argumentsOf = (c: (typeof list)[number], k: number) => (argumentTexts[k]?.startsWith("{") ? argumentTexts[k] : c.arguments);
  return { thought, calls: list.map((c, k) => ({ id: c.id, name: c.name, arguments: argumentsOf(c, k) })) };
}
