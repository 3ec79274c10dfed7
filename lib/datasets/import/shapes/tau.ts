import { z } from "zod";
import type { TrajectoryDoc } from "../../../trajectory/types";
import { readChatRecord } from "../../formats/chat";
import { parseRecord, RecordError } from "../../formats/errors";

// τ-bench keeps a result's conversation in `traj` (OpenAI chat messages);
// τ²-bench keeps each simulation's in `messages`, where a tool result answers
// its call by `id` (not `tool_call_id`), says `error: true` when the tool
// failed, and a call carries who asked for it (`requestor`).

export function isTauBench(record: Record<string, unknown>): boolean {
  return Array.isArray(record.traj);
}

export function isTau2(record: Record<string, unknown>): boolean {
  if (!Array.isArray(record.messages)) return false;
  if ("task_id" in record && "termination_reason" in record) return true;
  return record.messages.some((m) => !!m && typeof m === "object" && (m as { role?: unknown }).role === "tool" && "requestor" in m);
}

export function readTauBench(record: Record<string, unknown>): TrajectoryDoc {
  return readChatRecord({ messages: record.traj, tools: record.tools });
}

const tau2Message = z.looseObject({
  role: z.string(),
  id: z.union([z.string(), z.number()]).nullish(),
  error: z.boolean().nullish(),
  tool_calls: z.array(z.unknown()).nullish(),
});
const tau2Record = z.looseObject({ messages: z.array(tau2Message).min(1, "has no messages") });

export function readTau2(record: Record<string, unknown>): TrajectoryDoc {
  const r = parseRecord(tau2Record, record);
  const messages = r.messages.map((m, i) => {
    if (m.role === "tool") {
      const { id, error, ...rest } = m;
      return { ...rest, tool_call_id: id ?? null, is_error: error === true };
    }
    if (m.role === "user" && m.tool_calls?.length) {
      // τ²'s dual control lets the simulated user call tools; a trajectory has no place for a user's calls
      throw new RecordError(`messages.${i}: the user calls tools (τ² dual control), which a studio trajectory cannot hold`);
    }
    return m;
  });
  return readChatRecord({ messages, tools: record.tools });
}
