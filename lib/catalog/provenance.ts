import { z } from "zod";

// What a tool, agent or task records of where it came from (its `provenance`
// column). Written by the stage that made the row: harvest and import (source,
// server, file), synthesis (run, model, prompt version, seeds …), dedup
// (duplicate). Read leniently: a row written by an older version may lack any
// field, and a field that does not read as expected reads as absent.

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const named = z.object({ id: z.string(), name: z.string() });

export const duplicateInfoSchema = z.object({ kind: z.enum(["exact-spec", "same-name-and-schema", "near"]), of: z.string(), similarity: z.number() });
export type DuplicateInfo = z.infer<typeof duplicateInfoSchema>;

export const provenanceSchema = z.object({
  // harvested and imported tools
  source: optional(z.string()),
  server: optional(z.string()),
  file: optional(z.string()),
  importedBy: optional(z.string()),
  // what synthesis made
  runId: optional(z.string()),
  model: optional(z.string()),
  provider: optional(z.string()),
  promptVersion: optional(z.string()),
  seed: optional(z.number()),
  runSeed: optional(z.number()),
  slot: optional(z.union([z.string(), z.number()])),
  category: optional(named),
  categories: optional(z.array(named)),
  domain: optional(z.string()),
  seedTools: optional(z.array(named)),
  // a tool another stands for (lib/catalog/dedup.ts)
  duplicate: optional(duplicateInfoSchema),
});
export type Provenance = z.infer<typeof provenanceSchema>;

export function readProvenance(value: unknown): Provenance {
  const parsed = provenanceSchema.safeParse(value);
  return parsed.success ? parsed.data : {};
}
