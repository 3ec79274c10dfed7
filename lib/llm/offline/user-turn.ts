import { GOAL_LINE } from "../../simulation/user-turn-format";
import type { ChatMessage } from "../types";
import { fillFromJsonSchema } from "./fill";
import type { Rng } from "./rng";
import type { FillHints } from "./words";

// The offline model playing the user simulator: its turns are filler, and
// like a real simulator it sometimes errs: on a seeded few turns it states
// its hidden goal outright, which the judge blames on the user simulator.

export const OFFLINE_GOAL_LEAK_RATE = 0.05;

export function userTurnReply(messages: ChatMessage[], schema: unknown, rng: Rng, hints: FillHints): string {
  const turn = fillFromJsonSchema(schema, rng, hints);
  const system = messages.find((m) => m.role === "system")?.content ?? "";
  const goal = system
    .split("\n")
    .find((line) => line.startsWith(GOAL_LINE))
    ?.slice(GOAL_LINE.length)
    .trim();
  if (goal && typeof turn === "object" && turn !== null && rng.chance(OFFLINE_GOAL_LEAK_RATE)) {
    return JSON.stringify({ ...turn, message: `To be clear, here is exactly what I want: ${goal}`, status: "continue" });
  }
  return JSON.stringify(turn);
}
