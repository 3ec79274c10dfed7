import type { TrajectoryDoc } from "../../trajectory/types";
import { readChatRecord } from "../formats/chat";
import { RecordError } from "../formats/errors";
import { sharegptFormat } from "../formats/sharegpt";
import { isOpenHands, readOpenHands } from "./shapes/openhands";
import { isSweAgent, readSweAgent } from "./shapes/swe-agent";
import { isTau2, isTauBench, readTau2, readTauBench } from "./shapes/tau";
import { isToolBench, readToolBench } from "./shapes/toolbench";

export type Dialect = "openai" | "openai-legacy" | "trl" | "sharegpt" | "tau-bench" | "tau2" | "toolbench" | "swe-agent" | "openhands";

type Record_ = Record<string, unknown>;
const isObject = (v: unknown): v is Record_ => !!v && typeof v === "object" && !Array.isArray(v);

/** Which dialect a record is written in, told from its keys alone; null when none. */
export function detectDialect(record: unknown): Dialect | null {
  if (isOpenHands(record)) return "openhands";
  if (!isObject(record)) return null;
  if (isToolBench(record)) return "toolbench";
  if (isSweAgent(record)) return "swe-agent";
  if (isTauBench(record)) return "tau-bench";
  if (isTau2(record)) return "tau2";
  if (Array.isArray(record.conversations)) return "sharegpt";
  if (Array.isArray(record.prompt) && Array.isArray(record.completion)) return "trl";
  if (!Array.isArray(record.messages)) return null;
  const messages = record.messages.filter(isObject);
  if (messages.some((m) => m.role === "function" || m.function_call)) return "openai-legacy";
  const calls = messages.flatMap((m) => (Array.isArray(m.tool_calls) ? m.tool_calls : [])) as { function?: { arguments?: unknown } }[];
  const objectArguments = calls.some((c) => c?.function && typeof c.function.arguments === "object");
  const namedResults = messages.some((m) => m.role === "tool" && m.name && !m.tool_call_id);
  return objectArguments || namedResults ? "trl" : "openai";
}

const READERS: Record<Dialect, (record: Record_) => TrajectoryDoc> = {
  openai: readChatRecord,
  "openai-legacy": readChatRecord,
  trl: readChatRecord,
  sharegpt: (r) => sharegptFormat.fromRecord!(r),
  "tau-bench": readTauBench,
  tau2: readTau2,
  toolbench: readToolBench,
  "swe-agent": readSweAgent,
  openhands: readOpenHands,
};

/** A record in any shape the studio imports, as a canonical trajectory. */
export function readRecord(record: unknown): { dialect: Dialect; doc: TrajectoryDoc } {
  const dialect = detectDialect(record);
  if (!dialect) {
    throw new RecordError(
      "not a trajectory: expected `messages` (OpenAI, TRL, τ²), `prompt` + `completion` (TRL), `conversations` (ShareGPT), `traj` (τ-bench), `answer_generation.train_messages` (ToolBench), `history` (SWE-agent, OpenHands) or an OpenHands event list",
    );
  }
  return { dialect, doc: READERS[dialect](record as Record_) };
}
