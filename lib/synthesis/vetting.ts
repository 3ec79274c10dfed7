import type { QualityAssessment, QualityReason } from "../catalog/quality";
import type { SynthesizedSpec } from "./tool-spec";

// A synthetic tool passes the same gate as a real one: the catalogue's
// quality rules, then near-duplicate detection against every tool already
// in its category (real or synthetic). A duplicate is recorded the way the
// catalogue records one: duplicateOfId plus provenance.duplicate.

export type ToolChecks = {
  quality(spec: SynthesizedSpec): QualityAssessment;
  specHash(spec: SynthesizedSpec): string;
  /** the text a tool is embedded by, so synthetic and real vectors compare */
  embeddingText(spec: { name: string; description: string }): string;
};

export type PoolTool = { id: string; key: string; name: string; embedding: number[] };

export type DuplicateOf = { id: string; key: string; name: string; similarity: number };

export type Vetting = { accepted: boolean; score: number; reasons: QualityReason[]; duplicateOf: DuplicateOf | null };

export function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

export function nearestTool(embedding: number[], pool: readonly PoolTool[]): { tool: PoolTool; similarity: number } | null {
  let best: { tool: PoolTool; similarity: number } | null = null;
  for (const tool of pool) {
    if (tool.embedding.length !== embedding.length) continue;
    const similarity = cosine(embedding, tool.embedding);
    if (!best || similarity > best.similarity) best = { tool, similarity };
  }
  return best;
}

/** Decides a candidate's fate; a near-duplicate keeps a link to the tool it repeats. */
export function vetTool(checks: ToolChecks, spec: SynthesizedSpec, embedding: number[], pool: readonly PoolTool[], threshold: number): Vetting {
  const quality = checks.quality(spec);
  const nearest = nearestTool(embedding, pool);
  if (!nearest || nearest.similarity < threshold) return { ...quality, duplicateOf: null };
  const similarity = Math.round(nearest.similarity * 10_000) / 10_000;
  const reason: QualityReason = {
    code: "near_duplicate",
    message: `near-duplicate of ${nearest.tool.name} (cosine ${similarity.toFixed(3)} ≥ ${threshold})`,
    penalty: 0,
    blocking: true,
    by: "rules",
  };
  return {
    accepted: false,
    score: quality.score,
    reasons: [...quality.reasons, reason],
    duplicateOf: { id: nearest.tool.id, key: nearest.tool.key, name: nearest.tool.name, similarity },
  };
}
