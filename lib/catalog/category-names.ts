import { z } from "zod";
import type { CatalogGateway } from "./gateway";

// A category's name and description: from the generator role when a real
// model serves it, else from the words that set its tools apart.

export const namingSchema = z.enum(["auto", "terms", "generator"]);
export type Naming = z.infer<typeof namingSchema>;

export const categoryDescriptionSchema = z.object({
  name: z.string().min(2).max(60).describe("A short name for the category, two to four words"),
  description: z.string().min(10).max(300).describe("One sentence saying what the tools in this category do"),
});
export type CategoryDescription = z.infer<typeof categoryDescriptionSchema>;

export type GroupSummary = { terms: string[]; size: number; examples: { name: string; description: string }[] };

const capitalize = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

function list(words: string[]): string {
  return words.length <= 1 ? words.join("") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

export function nameFromTerms(group: GroupSummary): CategoryDescription {
  const name = group.terms.length ? group.terms.slice(0, 3).map(capitalize).join(" · ") : "Miscellaneous";
  const examples = group.examples.slice(0, 3).map((e) => e.name);
  const about = group.terms.length ? `Tools about ${list(group.terms)}` : "Tools with little in common";
  return { name, description: `${about}${examples.length ? `, such as ${list(examples)}` : ""} (${group.size} tools).` };
}

export async function describeGroup(
  group: GroupSummary,
  gateway: CatalogGateway | null,
  ctx: { runId?: string; signal?: AbortSignal; seed?: number },
): Promise<CategoryDescription> {
  if (!gateway) return nameFromTerms(group);
  const examples = group.examples
    .slice(0, 12)
    .map((e) => `- ${e.name}: ${e.description.slice(0, 160)}`)
    .join("\n");
  const { value } = await gateway.structured(
    "generator",
    {
      messages: [
        { role: "system", content: "You organise a catalogue of software tools (functions an AI assistant can call) into categories." },
        {
          role: "user",
          content: `These ${group.size} tools were clustered together. Distinctive words: ${group.terms.join(", ") || "(none)"}.\nExamples:\n${examples}\n\nName the category and describe it in one sentence.`,
        },
      ],
      schema: categoryDescriptionSchema,
      name: "category",
    },
    ctx,
  );
  return value;
}
