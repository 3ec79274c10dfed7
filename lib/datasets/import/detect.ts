import type { TrajectoryDoc } from "../../trajectory/types";
import { readChatRecord } from "../formats/chat";
import { RecordError } from "../formats/errors";
import { sharegptFormat } from "../formats/sharegpt";

export type Dialect = "openai" | "openai-legacy" | "trl" | "sharegpt";

/** Which dialect a record is written in, told from its keys alone; null when none. */
export function detectDialect(record: Record<string, unknown>): Dialect | null {
  if (Array.isArray(record.conversations)) return "sharegpt";
  if (Array.isArray(record.prompt) && Array.isArray(record.completion)) return "trl";
  if (!Array.isArray(record.messages)) return null;
  const messages = record.messages.filter((m): m is Record<string, unknown> => !!m && typeof m === "object");
  if (messages.some((m) => m.role === "function" || m.function_call)) return "openai-legacy";
  const calls = messages.flatMap((m) => (Array.isArray(m.tool_calls) ? m.tool_calls : [])) as { function?: { arguments?: unknown } }[];
  const objectArguments = calls.some((c) => c?.function && typeof c.function.arguments === "object");
  const namedResults = messages.some((m) => m.role === "tool" && m.name && !m.tool_call_id);
  return objectArguments || namedResults ? "trl" : "openai";
}

/** A record in any dialect the studio imports, as a canonical trajectory. */
export function readRecord(record: Record<string, unknown>): { dialect: Dialect; doc: TrajectoryDoc } {
  const dialect = detectDialect(record);
  if (!dialect) {
    throw new RecordError("not a trajectory: expected `messages` (OpenAI, TRL), `prompt` + `completion` (TRL) or `conversations` (ShareGPT)");
  }
  const doc = dialect === "sharegpt" ? sharegptFormat.fromRecord!(record) : readChatRecord(record);
  return { dialect, doc };
}
