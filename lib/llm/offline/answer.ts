import type { Rng } from "./rng";
import { sentence } from "./values";
import type { FillHints } from "./words";

// The offline agent's replies in words: an answer built from what its tools
// returned, or a direct one when no tool was needed.

export type Observation = { tool: string | null; content: string };

const MAX_LINE = 240;

export function answerFrom(observations: Observation[]): string {
  const lines = observations.map(({ tool, content }) => {
    const flat = content.replace(/\s+/g, " ").trim();
    return `- ${tool ? `${tool}: ` : ""}${flat.length > MAX_LINE ? `${flat.slice(0, MAX_LINE)}…` : flat}`;
  });
  return `Here is what I found:\n${lines.join("\n")}`;
}

/** What the conversation is about, in a few of its words. */
export function topicOf(hints: FillHints): string {
  return hints.words.slice(0, 3).join(" ") || "that";
}

export function directAnswer(rng: Rng, hints: FillHints): string {
  return `${rng.pick(["Sure.", "Happy to help.", "Of course."])} About ${topicOf(hints)}: ${sentence(rng, hints, 8, 20)}`;
}
