import type { ToolDefinition } from "../types";
import { pickTools, relevantTools } from "./relevance";

// How the offline agent works through one request (the turns after a user
// message): its first turn calls the best tool (with a second in parallel
// when the request plainly names both), each later turn calls the most
// relevant tool it has not called yet, and once no relevant tool is left or
// the request's budget is spent, it answers. Every turn calls a tool not yet
// called for the request, so a request always ends. A user's reply to an
// answer gets a budget of one tool: it usually adds a detail to a request
// the agent has already worked through.

export const MAX_TOOLS_PER_TURN = 2;
export const MAX_TOOLS_PER_REQUEST = 3;
export const MAX_TOOLS_PER_REPLY = 1;

export type RequestState = {
  /** what the user said, the latest first: what relevance is measured against */
  conversation: string;
  /** distinct tools called since the latest user message */
  called: ReadonlySet<string>;
  /** the latest user message answers the agent (it is not the first) */
  reply: boolean;
};

/** The tools to call on this turn; none means it is time to answer. */
export function nextTools(tools: ToolDefinition[], state: RequestState, perTurn = MAX_TOOLS_PER_TURN): ToolDefinition[] {
  const budget = (state.reply ? MAX_TOOLS_PER_REPLY : MAX_TOOLS_PER_REQUEST) - state.called.size;
  if (budget <= 0) return [];
  if (state.called.size === 0) return pickTools(tools, state.conversation, Math.min(perTurn, budget));
  return relevantTools(tools, state.conversation)
    .filter((t) => !state.called.has(t.name))
    .slice(0, 1);
}
