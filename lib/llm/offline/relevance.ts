import type { ToolDefinition } from "../types";
import { termsOf, tokenize } from "./words";

export type RankedTool = { tool: ToolDefinition; score: number };

// A second tool is called alongside the first only if it covers what the
// first left out at least this well (relative to the first tool's score).
const PARALLEL_SHARE = 0.5;

function toolTerms(tool: ToolDefinition): Map<string, number> {
  const weights = new Map<string, number>();
  for (const t of termsOf(tool.description)) weights.set(t, 1);
  for (const t of termsOf(tokenize(tool.name).join(" "))) weights.set(t, 2); // name words count double
  return weights;
}

/** Weight of the tool's words the conversation uses, over the square root of how many words the tool has (so length alone does not win). */
function score(terms: Map<string, number>, said: Set<string>): number {
  let hit = 0;
  for (const [term, weight] of terms) if (said.has(term)) hit += weight;
  return terms.size ? hit / Math.sqrt(terms.size) : 0;
}

/** Tools by lexical relevance to the conversation, best first; ties keep the tools' order. */
export function rankTools(tools: ToolDefinition[], conversation: string): RankedTool[] {
  const said = new Set(termsOf(conversation));
  return tools
    .map((tool, index) => ({ tool, index, score: score(toolTerms(tool), said) }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map(({ tool, score }) => ({ tool, score }));
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
    let best: { tool: ToolDefinition; terms: Map<string, number>; score: number } | undefined;
    for (const c of candidates) {
      if (chosen.includes(c.tool)) continue;
      const s = score(c.terms, uncovered);
      if (!best || s > best.score) best = { ...c, score: s };
    }
    if (!best || best.score <= 0 || (chosen.length > 0 && best.score < first * PARALLEL_SHARE)) break;
    if (chosen.length === 0) first = best.score;
    chosen.push(best.tool);
    for (const term of best.terms.keys()) uncovered.delete(term);
  }
  return chosen;
}
