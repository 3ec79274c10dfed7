import { trajectoryDocSchema, type StepInput, type ToolCall, type ToolSpec, type TrajectoryDoc } from "../../trajectory/types";
import { normalizeArguments } from "./arguments";
import { generatedCallId } from "./call-ids";
import { undeclaredTool } from "./tools";

export type RawCall = { id?: string | null; name: string; arguments: unknown };

/** A turn as a format's reader sees it, before calls and results are paired. */
export type RawTurn =
  | { role: "system" | "user"; content: string | null }
  | { role: "assistant"; content: string | null; reasoning?: string | null; calls: RawCall[] }
  | { role: "tool"; content: string | null; callId?: string | null; name?: string | null; isError?: boolean };

type Pending = { sourceId: string | null; id: string; name: string };

/**
 * Turns read from any format into the canonical trajectory. Real files lose or
 * reuse call ids, so a result is paired with the open call that has its id,
 * and otherwise with the oldest open call (by position). Calls get ids unique
 * within the trajectory; tools called but never declared are added, flagged.
 */
export function buildTrajectory(turns: RawTurn[], declared: ToolSpec[]): TrajectoryDoc {
  const used = new Set<string>();
  let pending: Pending[] = [];
  const argumentsByTool = new Map<string, unknown[]>();

  const uniqueId = (wanted: string | null | undefined, index: number, i: number) => {
    let id = wanted && !used.has(wanted) ? wanted : generatedCallId(index, i);
    for (let salt = 1; used.has(id); salt++) id = generatedCallId(index, i, salt);
    used.add(id);
    return id;
  };

  const messages: StepInput[] = turns.map((turn, index) => {
    if (turn.role === "assistant") {
      const toolCalls: ToolCall[] = turn.calls.map((call, i) => {
        const id = uniqueId(call.id, index, i);
        pending.push({ sourceId: call.id ?? null, id, name: call.name });
        const args = normalizeArguments(call.arguments);
        const samples = argumentsByTool.get(call.name) ?? [];
        samples.push(args.arguments);
        argumentsByTool.set(call.name, samples);
        // an id the studio gave (the file's was missing or already used) keeps what the file said
        return { id, name: call.name, ...args, ...(id === call.id ? {} : { sourceId: call.id ?? null }) };
      });
      return { role: "assistant", content: turn.content, reasoning: turn.reasoning ?? null, toolCalls: toolCalls.length ? toolCalls : null };
    }
    if (turn.role === "tool") {
      let at = turn.callId ? pending.findIndex((p) => p.sourceId === turn.callId) : -1;
      if (at < 0 && pending.length) at = 0;
      const call = at >= 0 ? pending[at] : null;
      if (call) pending = pending.filter((_, i) => i !== at);
      return {
        role: "tool",
        content: turn.content,
        toolCallId: call?.id ?? turn.callId ?? null,
        toolName: turn.name ?? call?.name ?? null,
        isError: turn.isError ?? false,
      };
    }
    return { role: turn.role, content: turn.content };
  });

  const declaredNames = new Set(declared.map((t) => t.name));
  const undeclared = [...argumentsByTool].filter(([name]) => !declaredNames.has(name)).map(([name, samples]) => undeclaredTool(name, samples));
  return trajectoryDocSchema.parse({ tools: [...declared, ...undeclared], messages });
}
