import type { ChatMessage } from "./gateway";
import type { Domain } from "./tool-spec";

/** Bumped whenever the wording below changes; stored in every synthetic tool's provenance. */
export const TOOL_PROMPT_VERSION = "tools-v1";

export type SeedTool = { name: string; description: string };
export type CategoryBrief = { name: string; description: string };

const SYSTEM =
  "You design realistic software tools (function-calling APIs) for training AI agents that use tools. " +
  "Tools must look like real production APIs: precise names, a description that says what the tool does and when to use it, " +
  "typed and described parameters, a structured result and the errors a real service returns.";

const MAX_EXCLUDED = 200;

function seedList(seeds: SeedTool[]): string {
  if (seeds.length === 0) return "(no real tools yet; invent from the category alone)";
  return seeds.map((s) => `- ${s.name}: ${s.description.slice(0, 200)}`).join("\n");
}

// Prompts open with their subject (the domain, the category) rather than with
// labels: what a prompt says first is what it is about, for a model and for
// the offline provider, which builds its filler from the prompt's first words.

const about = (c: CategoryBrief) => `${c.name}${c.description ? ` — ${c.description}` : ""}`;

export function domainsPrompt(category: CategoryBrief, seeds: SeedTool[], count: number): ChatMessage[] {
  return [
    { role: "system", content: SYSTEM },
    {
      role: "user",
      content: [
        `${about(category)} (a category of tools)`,
        `Real tools in this category:\n${seedList(seeds)}`,
        `List ${count} distinct application domains where software of this category is used ` +
          "(different industries or products, not rewordings of each other), each with a one-sentence description.",
      ].join("\n\n"),
    },
  ];
}

export function toolsPrompt(category: CategoryBrief, domain: Domain, seeds: SeedTool[], excludedNames: string[], count: number): ChatMessage[] {
  const excluded = excludedNames.slice(-MAX_EXCLUDED);
  return [
    { role: "system", content: SYSTEM },
    {
      role: "user",
      content: [
        `${domain.name} — ${domain.description}`,
        `(an application domain of the tool category ${about(category)})`,
        `Real tools of this category, for style and realism:\n${seedList(seeds)}`,
        `Invent ${count} new tools a ${domain.name} service would offer. Each tool does one distinct thing. ` +
          "Give each a snake_case toolName, a description of one or two sentences, its parameters (name, type, description " +
          "naming the allowed values where they are fixed, whether required), the fields of its result, and one to four " +
          "realistic error cases (an upper-case code and when it happens).",
        // Last: a model that borrows words from its prompt (the offline one does) borrows least from the end.
        excluded.length ? `These names are taken; do not reuse them or near-synonyms: ${excluded.join(", ")}` : "",
      ]
        .filter(Boolean)
        .join("\n\n"),
    },
  ];
}
