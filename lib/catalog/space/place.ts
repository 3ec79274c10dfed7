import { dot } from "./matrix";

export type Placed = { embedding: number[]; x: number; y: number };

/**
 * A map position for a vector the map was not computed from (a tool made
 * after clustering): the similarity-weighted mean of the positions of its `k`
 * most similar placed tools. Null when none shares its dimension. The next
 * clustering run places every tool afresh.
 */
export function placeAmong(embedding: number[], placed: readonly Placed[], k = 3): { x: number; y: number } | null {
  const norm = Math.sqrt(dot(embedding, embedding));
  if (norm === 0) return null;
  const nearest = placed
    .filter((p) => p.embedding.length === embedding.length)
    .map((p) => ({ p, similarity: dot(embedding, p.embedding) / (norm * Math.sqrt(dot(p.embedding, p.embedding)) || 1) }))
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, k);
  if (nearest.length === 0) return null;
  // weights stay positive so a dissimilar neighbour pulls less, never pushes
  const weights = nearest.map((n) => Math.max(n.similarity, 0) + 1e-6);
  const total = weights.reduce((s, w) => s + w, 0);
  return {
    x: nearest.reduce((s, n, i) => s + n.p.x * weights[i], 0) / total,
    y: nearest.reduce((s, n, i) => s + n.p.y * weights[i], 0) / total,
  };
}
