import "server-only";
import { z } from "zod";
import type { Db } from "../db/client";
import { provenanceSchema } from "./provenance";

// Where a synthetic tool came from, as the synthesis stage recorded it in the
// tool's provenance (lib/synthesis/tool-category.ts), read for the tool page.
// Read leniently: a tool written by an older version may lack any field.

export const syntheticProvenanceSchema = provenanceSchema.pick({
  category: true,
  domain: true,
  seedTools: true,
  runId: true,
  model: true,
  provider: true,
  promptVersion: true,
  seed: true,
});
export type SyntheticProvenance = z.infer<typeof syntheticProvenanceSchema>;

export function readSyntheticProvenance(provenance: unknown): SyntheticProvenance {
  const parsed = syntheticProvenanceSchema.safeParse(provenance);
  return parsed.success ? parsed.data : {};
}

export type SyntheticOrigin = SyntheticProvenance & {
  /** the seed tools with whether each is still in the catalogue (a deleted one is named, not linked) */
  seeds: { id: string; name: string; exists: boolean }[];
  run: { id: string; kind: string; createdAt: Date } | null;
  categoryExists: boolean;
};

/** A synthetic tool's provenance with the rows it names looked up. */
export async function loadSyntheticOrigin(db: Db, provenance: unknown): Promise<SyntheticOrigin> {
  const p = readSyntheticProvenance(provenance);
  const seedIds = p.seedTools?.map((s) => s.id) ?? [];
  const [seeds, run, category] = await Promise.all([
    seedIds.length ? db.tool.findMany({ where: { id: { in: seedIds } }, select: { id: true } }) : [],
    p.runId ? db.run.findUnique({ where: { id: p.runId }, select: { id: true, kind: true, createdAt: true } }) : null,
    p.category ? db.category.findUnique({ where: { id: p.category.id }, select: { id: true } }) : null,
  ]);
  const present = new Set(seeds.map((s) => s.id));
  return { ...p, seeds: (p.seedTools ?? []).map((s) => ({ ...s, exists: present.has(s.id) })), run, categoryExists: category !== null };
}
