import { createHash } from "node:crypto";
import type { TrajectoryDoc } from "../trajectory/types";

/**
 * What a training record says of a trajectory, independent of format: roles,
 * text, calls (name and arguments) and which call each result answers, with
 * call ids renumbered in order of appearance. Two trajectories with the same
 * view train a model the same way; a round trip must preserve it.
 */
export function conversationView(doc: TrajectoryDoc, opts: { reasoning?: boolean } = {}) {
  const ids = new Map<string, string>();
  const alias = (id: string | null) => (id === null ? null : (ids.get(id) ?? `unpaired:${id}`));
  return {
    tools: doc.tools.map((t) => ({ name: t.name, description: t.description, parameters: t.parameters })),
    messages: doc.messages.map((m) => ({
      role: m.role,
      content: m.content,
      ...(opts.reasoning && m.reasoning ? { reasoning: m.reasoning } : {}),
      ...(m.toolCalls?.length
        ? {
            calls: m.toolCalls.map((c) => {
              ids.set(c.id, `c${ids.size}`);
              return { name: c.name, arguments: c.argumentsError ? c.rawArguments : c.arguments };
            }),
          }
        : {}),
      ...(m.role === "tool" ? { answers: alias(m.toolCallId), toolName: m.toolName } : {}),
    })),
  };
}

/** A short hash of a trajectory's messages, for dropping duplicates from an export. */
export function messagesHash(doc: TrajectoryDoc): string {
  const { messages } = conversationView(doc, { reasoning: true });
  return createHash("sha256").update(JSON.stringify(messages)).digest("base64url").slice(0, 22);
}
