import { z } from "zod";
import { kmeans, nearest, silhouette, type KMeans } from "./kmeans";
import { fromRows, normalizeRows, row, type Matrix } from "./matrix";
import { pca } from "./pca";
import { distinctiveTerms, indexTerms } from "./terms";

// From tool embeddings to categories, domains and a 2-D map, all seeded and
// deterministic. Vectors are reduced by PCA first: k-means on a few dozen
// components is fast and less swayed by the noise of hashed embeddings. The
// map is the first two components (umap-js would spread it better; it is not
// installed).

export const clusterConfigSchema = z.object({
  seed: z.number().int().default(42),
  kMin: z.number().int().min(2).default(4),
  kMax: z.number().int().min(2).default(40),
  /** how many values of k between kMin and kMax are tried (the best silhouette wins) */
  kCandidates: z.number().int().min(1).max(20).default(6),
  /** more categories than this are grouped under parent domains */
  maxTopLevel: z.number().int().min(2).default(8),
  dimensions: z.number().int().min(2).max(128).default(24),
  /** rows whose silhouette sample is computed, per candidate k */
  silhouetteSample: z.number().int().min(50).default(600),
});
export type ClusterConfig = z.infer<typeof clusterConfigSchema>;

export type Group = { members: number[]; terms: string[] };
export type Clustering = {
  categories: (Group & { parent: number | null })[];
  domains: (Group & { children: number[] })[];
  /** category index of every row */
  assignments: Int32Array;
  /** x, y of every row */
  map: Float64Array;
  silhouette: number;
};

function candidateKs(config: ClusterConfig, n: number): number[] {
  const hi = Math.max(2, Math.min(config.kMax, Math.floor(n / 3)));
  const lo = Math.min(config.kMin, hi);
  if (config.kCandidates === 1 || lo === hi) return [hi];
  const ks = new Set<number>();
  for (let i = 0; i < config.kCandidates; i++) ks.add(Math.round(lo * Math.pow(hi / lo, i / (config.kCandidates - 1))));
  return [...ks].sort((a, b) => a - b);
}

function subset(m: Matrix, rows: number[]): Matrix {
  const data = new Float64Array(rows.length * m.cols);
  rows.forEach((r, i) => data.set(row(m, r), i * m.cols));
  return { rows: rows.length, cols: m.cols, data };
}

function bestKMeans(m: Matrix, ks: number[], config: ClusterConfig, weights?: Float64Array): { model: KMeans; score: number } {
  let best: { model: KMeans; score: number } | null = null;
  for (const k of ks) {
    const model = kmeans(m, k, { seed: config.seed + k, weights });
    const score = model.k > 1 ? silhouette(m, model.assignments, model.k, { seed: config.seed, sampleSize: config.silhouetteSample }) : 0;
    if (!best || score > best.score + 1e-9) best = { model, score };
  }
  return best!;
}

/**
 * Clusters `vectors` (one per tool). Only rows with `fit[i]` shape the
 * clusters (rejected and duplicate tools should not); every row is then
 * placed in its nearest category and on the map. `sources[i]` (the tool's
 * source) lets naming ignore words a whole source repeats.
 */
export function clusterVectors(vectors: number[][], texts: string[], fit: boolean[], config: ClusterConfig, sources?: (string | null)[]): Clustering {
  const n = vectors.length;
  const m = normalizeRows(fromRows(vectors));
  const reduced = pca(m, Math.min(config.dimensions, m.cols), config.seed).projected;
  const map = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    map[i * 2] = reduced.data[i * reduced.cols];
    map[i * 2 + 1] = reduced.cols > 1 ? reduced.data[i * reduced.cols + 1] : 0;
  }
  let fitRows = Array.from({ length: n }, (_, i) => i).filter((i) => fit[i]);
  if (fitRows.length < 2) fitRows = Array.from({ length: n }, (_, i) => i);
  const fitMatrix = subset(reduced, fitRows);
  const { model, score } =
    fitRows.length >= 6 ? bestKMeans(fitMatrix, candidateKs(config, fitRows.length), config) : { model: kmeans(fitMatrix, 1, { seed: config.seed }), score: 0 };

  const assignments = new Int32Array(n);
  for (let i = 0; i < n; i++) assignments[i] = nearest(model.centroids, row(reduced, i)).index;
  const members: number[][] = Array.from({ length: model.k }, () => []);
  for (let i = 0; i < n; i++) members[assignments[i]].push(i);
  // clusters left empty (possible only in degenerate data) are dropped and the rest renumbered
  const kept = members.map((ms, c) => ({ ms, c })).filter((x) => x.ms.length > 0);
  const renumber = new Map(kept.map((x, i) => [x.c, i]));
  for (let i = 0; i < n; i++) assignments[i] = renumber.get(assignments[i])!;

  const terms = indexTerms(texts, sources);
  const categories: Clustering["categories"] = kept.map((x) => ({ members: x.ms, terms: distinctiveTerms(terms, x.ms), parent: null }));
  const domains: Clustering["domains"] = [];
  if (categories.length > config.maxTopLevel) {
    const centroids = subset(
      model.centroids,
      kept.map((x) => x.c),
    );
    const weights = Float64Array.from(kept, (x) => x.ms.length);
    const ks = Array.from({ length: Math.min(config.maxTopLevel, categories.length - 1) - 1 }, (_, i) => i + 2);
    const top = bestKMeans(centroids, ks, config, weights).model;
    const children: number[][] = Array.from({ length: top.k }, () => []);
    categories.forEach((c, i) => {
      c.parent = top.assignments[i];
      children[top.assignments[i]].push(i);
    });
    const used = children.map((ch, d) => ({ ch, d })).filter((x) => x.ch.length > 0);
    used.forEach((x, newIndex) => {
      for (const c of x.ch) categories[c].parent = newIndex;
      const all = x.ch.flatMap((c) => categories[c].members);
      domains.push({ children: x.ch, members: all, terms: distinctiveTerms(terms, all) });
    });
  }
  return { categories, domains, assignments, map, silhouette: score };
}
