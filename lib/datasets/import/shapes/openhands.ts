import { z } from "zod";
import type { ToolSpec, TrajectoryDoc } from "../../../trajectory/types";
import { contentText } from "../../formats/content";
import { buildTrajectory, type RawCall, type RawTurn } from "../../formats/conversation";
import { parseRecord, RecordError } from "../../formats/errors";
import { parseToolList } from "../../formats/tools";

// An OpenHands event stream: actions and observations, each from a `source`
// (user, agent, environment). An action the model took through a tool carries
// `tool_call_metadata` (the call's id, the tool's name and the model's whole
// response, where the call's exact arguments are); the observation answering
// it carries the same metadata. Parallel calls are consecutive actions sharing
// one model response. Events with no conversational role (agent state
// changes, recalls, condensations) are not part of the trajectory.

const callSchema = z.looseObject({
  id: z.string().nullish(),
  function: z.looseObject({ name: z.string(), arguments: z.unknown().optional() }),
});
const metadataSchema = z.looseObject({
  function_name: z.string(),
  tool_call_id: z.string(),
  model_response: z
    .looseObject({
      id: z.string().nullish(),
      choices: z.array(z.looseObject({ message: z.looseObject({ content: z.unknown().optional(), tool_calls: z.array(callSchema).nullish() }) })).nullish(),
    })
    .nullish(),
});
const eventSchema = z.looseObject({
  source: z.string().nullish(),
  action: z.string().nullish(),
  observation: z.string().nullish(),
  args: z.record(z.string(), z.unknown()).nullish(),
  content: z.unknown().optional(),
  message: z.unknown().optional(),
  tool_call_metadata: metadataSchema.nullish(),
});
const streamSchema = z.array(eventSchema).min(1, "has no events");
type Event = z.infer<typeof eventSchema>;

export function isOpenHandsEvent(value: unknown): boolean {
  return !!value && typeof value === "object" && "source" in value && ("action" in value || "observation" in value);
}

/** An event list: the whole file's array, or `history` of an evaluation record. */
export function isOpenHands(value: unknown): boolean {
  const events = Array.isArray(value) ? value : value && typeof value === "object" ? (value as { history?: unknown }).history : null;
  return Array.isArray(events) && events.length > 0 && isOpenHandsEvent(events[0]);
}

export function readOpenHands(value: unknown): TrajectoryDoc {
  const events = parseRecord(streamSchema, Array.isArray(value) ? value : (value as { history?: unknown }).history);
  const turns: RawTurn[] = [];
  const declared: ToolSpec[] = [];
  let responseId: string | null = null; // the model response the last assistant turn came from
  for (const [i, e] of events.entries()) {
    const meta = e.tool_call_metadata;
    if (e.action === "system") {
      turns.push({ role: "system", content: contentText(e.args?.content ?? e.content) });
      declared.push(...parseToolList(e.args?.tools, `${i}.args.tools`));
    } else if (e.action && meta) {
      const call = callOf(meta, e);
      const last = turns[turns.length - 1];
      const id = meta.model_response?.id ?? null;
      const sameResponse = last?.role === "assistant" && id !== null && id === responseId;
      if (sameResponse) last.calls.push(call);
      else {
        const text = meta.model_response?.choices?.[0]?.message.content;
        turns.push({ role: "assistant", content: contentText(text ?? e.args?.thought ?? null) || null, calls: [call] });
        responseId = id;
      }
    } else if (e.action === "message") {
      const text = contentText(e.args?.content ?? e.message);
      if (e.source === "user") turns.push({ role: "user", content: text });
      else if (e.source === "agent") turns.push({ role: "assistant", content: text, calls: [] });
    } else if (e.observation && meta) {
      turns.push({ role: "tool", content: contentText(e.content), callId: meta.tool_call_id, name: meta.function_name, isError: e.observation === "error" });
    } else if (!e.action && !e.observation) {
      throw new RecordError(`${i}: an event with neither action nor observation`);
    }
  }
  return buildTrajectory(turns, declared);
}

function callOf(meta: z.infer<typeof metadataSchema>, e: Event): RawCall {
  const calls = meta.model_response?.choices?.[0]?.message.tool_calls ?? [];
  const own = calls.find((c) => c.id === meta.tool_call_id);
  if (own) return { id: meta.tool_call_id, name: own.function.name, arguments: own.function.arguments };
  // no model response kept: the action's arguments are the best record of the call
  return { id: meta.tool_call_id, name: meta.function_name, arguments: e.args ?? {} };
}
