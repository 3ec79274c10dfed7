import { z } from "zod";
import type { TrajectoryDoc } from "../../../trajectory/types";
import { readChatRecord } from "../../formats/chat";
import { parseRecord, RecordError } from "../../formats/errors";

// A SWE-agent `.traj` file: `history` is the conversation the model saw, in
// OpenAI chat shape, except that a tool result names the call it answers in
// `tool_call_ids` (a list) and content may be a list of text parts.

const historyItem = z.looseObject({ role: z.string(), tool_call_ids: z.array(z.string()).nullish() });
const trajSchema = z.looseObject({ history: z.array(historyItem).min(1, "has no messages") });

export function isSweAgent(record: Record<string, unknown>): boolean {
  const h = record.history;
  return Array.isArray(h) && h.length > 0 && !!h[0] && typeof h[0] === "object" && "role" in h[0];
}

export function readSweAgent(record: Record<string, unknown>): TrajectoryDoc {
  const { history } = parseRecord(trajSchema, record);
  const messages = history.map((m, i) => {
    if (m.role !== "tool") return m;
    const { tool_call_ids: ids, ...rest } = m;
    if (ids && ids.length > 1) throw new RecordError(`history.${i}: one observation answers ${ids.length} calls and cannot be split among them`);
    return { ...rest, tool_call_id: ids?.[0] ?? null };
  });
  return readChatRecord({ messages });
}
