import type { ToolDefinition } from "../types";
import { termsOf, tokenize } from "./words";

/** `hit` is the weight of the tool's words the conversation uses; `score` scales it by the tool's size. */
export type RankedTool = { tool: ToolDefinition; score: number; hit: number };

// A second tool is called alongside the first only if it covers what the
// first left out at least this well (relative to the first tool's score).
const PARALLEL_SHARE = 0.5;

// A tool worth calling besides the best one (alongside it, or on a later turn
// of the same request) shares a name word or two description words with the
// conversation, and on a later turn scores at least FOLLOW_UP_SHARE of the
// best tool: a distractor sharing one common word with the request does not.
const FOLLOW_UP_SHARE = 0.35;
const FOLLOW_UP_MIN_HIT = 2;

function toolTerms(tool: ToolDefinition): Map<string, number> {
  const weights = new Map<string, number>();
  for (const t of termsOf(tool.description)) weights.set(t, 1);
  for (const t of termsOf(tokenize(tool.name).join(" "))) weights.set(t, 2); // name words count double
  return weights;
}

function hitWeight(terms: Map<string, number>, said: Set<string>): number {
  let hit = 0;
  for (const [term, weight] of terms) if (said.has(term)) hit += weight;
  return hit;
}

/** Weight of the tool's words the conversation uses, over the square root of how many words the tool has (so length alone does not win). */
function score(terms: Map<string, number>, said: Set<string>): number {
  return terms.size ? hitWeight(terms, said) / Math.sqrt(terms.size) : 0;
}

/** Tools by lexical relevance to the conversation, best first; ties keep the tools' order. */
export function rankTools(tools: ToolDefinition[], conversation: string): RankedTool[] {
  const said = new Set(termsOf(conversation));
  return tools
    .map((tool, index) => {
      const terms = toolTerms(tool);
      return { tool, index, score: score(terms, said), hit: hitWeight(terms, said) };
    })
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map(({ tool, score, hit }) => ({ tool, score, hit }));
}

/**
 * The tools a request plainly calls for, best first: the most relevant one,
 * and every other close enough to it (see FOLLOW_UP_SHARE). Empty when no
 * tool shares a word with the conversation.
 */
export function relevantTools(tools: ToolDefinition[], conversation: string): ToolDefinition[] {
  const ranked = rankTools(tools, conversation);
  const top = ranked[0]?.score ?? 0;
  if (top <= 0) return [];
  return ranked.filter((r, i) => i === 0 || (r.score >= top * FOLLOW_UP_SHARE && r.hit >= FOLLOW_UP_MIN_HIT)).map((r) => r.tool);
}

/**
 * The tools a request needs: the most relevant one, then (for parallel calls)
 * each next tool that covers enough of the words the chosen ones leave out.
 */
export function pickTools(tools: ToolDefinition[], conversation: string, max = 3): ToolDefinition[] {
  const uncovered = new Set(termsOf(conversation));
  const candidates = tools.map((tool) => ({ tool, terms: toolTerms(tool) }));
  const chosen: ToolDefinition[] = [];
  let first = 0;
  while (chosen.length < max) {
    let best: { tool: ToolDefinition; terms: Map<string, number>; score: number; hit: number } | undefined;
    for (const c of candidates) {
      if (chosen.includes(c.tool)) continue;
      const s = score(c.terms, uncovered);
      if (!best || s > best.score) best = { ...c, score: s, hit: hitWeight(c.terms, uncovered) };
    }
    if (!best || best.score <= 0) break;
    if (chosen.length > 0 && (best.score < first * PARALLEL_SHARE || best.hit < FOLLOW_UP_MIN_HIT)) break;
    if (chosen.length === 0) first = best.score;
    chosen.push(best.tool);
    for (const term of best.terms.keys()) uncovered.delete(term);
  }
  return chosen;
}
