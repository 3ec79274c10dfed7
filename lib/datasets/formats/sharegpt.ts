import { z } from "zod";
import type { Step, TrajectoryDoc } from "../../trajectory/types";
import { argumentsAsValue } from "./arguments";
import { contentText } from "./content";
import { buildTrajectory, type RawCall, type RawTurn } from "./conversation";
import { parseRecord, RecordError } from "./errors";
import { bareFunction, parseToolList } from "./tools";
import type { DatasetFormat, JsonRecord } from "./types";

// ShareGPT with function calls as APIGen-MT (and LLaMA-Factory) ship it:
// `conversations` of human / function_call / observation / gpt turns, where a
// function_call's value is the JSON text {"name", "arguments"} (a JSON array of
// them for parallel calls, one observation per call after it), `tools` as a
// JSON string and the system prompt in `system`. There are no call ids: calls
// and observations pair by position.
export const sharegptFormat: DatasetFormat = {
  id: "sharegpt",
  title: "ShareGPT with function calls (APIGen-MT)",
  description:
    'One object per line: `conversations` (`{"from","value"}` turns: human, gpt, function_call whose value is the JSON text `{"name","arguments"}` — a JSON array for parallel calls — and observation, one per call, in call order), `tools` (a JSON string of `{name, description, parameters}`) and `system`.',
  toRecord(doc) {
    const leading = doc.messages.findIndex((m) => m.role !== "system");
    const head = leading < 0 ? doc.messages : doc.messages.slice(0, leading);
    const rest = leading < 0 ? [] : doc.messages.slice(leading);
    return {
      conversations: rest.flatMap(sharegptTurns),
      tools: JSON.stringify(doc.tools.map(bareFunction)),
      system: head.map((m) => m.content ?? "").join("\n\n"),
    };
  },
  fromRecord: readShareGpt,
};

function sharegptTurns(m: Step): JsonRecord[] {
  if (m.role === "system") return [{ from: "system", value: m.content ?? "" }];
  if (m.role === "user") return [{ from: "human", value: m.content ?? "" }];
  if (m.role === "tool") return [{ from: "observation", value: m.content ?? "" }];
  const calls = (m.toolCalls ?? []).map((c) => ({ name: c.name, arguments: argumentsAsValue(c) }));
  const turns: JsonRecord[] = [];
  if (m.content !== null || calls.length === 0) turns.push({ from: "gpt", value: m.content ?? "" });
  if (calls.length) turns.push({ from: "function_call", value: JSON.stringify(calls.length === 1 ? calls[0] : calls) });
  return turns;
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
      const calls = readCalls(value, i);
      // "[]": the turn says no function was called (glaive/ToolACE-style files write it)
      if (!calls.length) return;
      // text then calls, or several calls in a row, are one assistant turn
      if (last?.role === "assistant") last.calls.push(...calls);
      else turns.push({ role: "assistant", content: null, calls });
    } else if (kind === "assistant") turns.push({ role: "assistant", content: contentText(value), calls: [] });
    else if (kind === "tool") turns.push({ role: "tool", content: contentText(value) });
    else turns.push({ role: kind, content: contentText(value) });
  });
  return buildTrajectory(turns, parseToolList(r.tools ?? r.tool));
}

function readCalls(value: unknown, i: number): RawCall[] {
  let parsed = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new RecordError(`conversations.${i}: a function_call's value must be JSON {"name", "arguments"}`);
    }
  }
  const calls = z.union([callSchema, z.array(callSchema)]).safeParse(parsed);
  if (!calls.success) throw new RecordError(`conversations.${i}: a function_call's value must be JSON {"name", "arguments"}`);
  return (Array.isArray(calls.data) ? calls.data : [calls.data]).map((c) => ({ id: c.id, name: c.name, arguments: c.arguments }));
}
