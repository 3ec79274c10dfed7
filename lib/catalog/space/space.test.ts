import { describe, expect, it } from "vitest";
import { clusterConfigSchema, clusterVectors } from "./cluster";
import { kmeans, silhouette } from "./kmeans";
import { fromRows, normalizeRows } from "./matrix";
import { earliestSimilar } from "./near-neighbours";
import { pca } from "./pca";
import { createRng, gaussian } from "./rng";
import { distinctiveTerms, indexTerms } from "./terms";

/** `k` well-separated blobs of `per` points in `dim` dimensions. */
function blobs(k: number, per: number, dim: number, spread: number, seed = 1) {
  const rng = createRng(seed);
  const centers = Array.from({ length: k }, () => Array.from({ length: dim }, () => gaussian(rng)));
  const points: number[][] = [];
  const labels: number[] = [];
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < per; i++) {
      points.push(centers[c].map((x) => x + gaussian(rng) * spread));
      labels.push(c);
    }
  }
  return { points, labels };
}

/** Whether two labelings split the points the same way, whatever the numbering. */
function samePartition(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  const map = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    if (!map.has(a[i])) map.set(a[i], b[i]);
    if (map.get(a[i]) !== b[i]) return false;
  }
  return new Set(map.values()).size === map.size;
}

describe("the tool space", () => {
  it("PCA finds the direction of greatest variance first", () => {
    const rng = createRng(3);
    const rows = Array.from({ length: 500 }, () => {
      const t = gaussian(rng) * 10;
      return [t, t, gaussian(rng) * 0.1, gaussian(rng) * 0.1];
    });
    const { components, variances } = pca(fromRows(rows), 2);
    expect(Math.abs(components[0][0])).toBeCloseTo(Math.SQRT1_2, 2);
    expect(Math.abs(components[0][1])).toBeCloseTo(Math.SQRT1_2, 2);
    expect(variances[0]).toBeGreaterThan(100 * variances[1]);
  });

  it("PCA reduces vectors wider than 256 dimensions too", () => {
    const { points } = blobs(3, 20, 600, 0.05);
    const result = pca(fromRows(points), 5);
    expect(result.projected.cols).toBe(5);
    expect(result.projected.rows).toBe(60);
  });

  it("k-means recovers separated blobs, the same way for the same seed", () => {
    const { points, labels } = blobs(5, 40, 8, 0.05);
    const m = fromRows(points);
    const a = kmeans(m, 5, { seed: 9 });
    expect(samePartition(labels, a.assignments)).toBe(true);
    expect(Array.from(kmeans(m, 5, { seed: 9 }).assignments)).toEqual(Array.from(a.assignments));
  });

  it("silhouette prefers the true number of clusters", () => {
    const { points } = blobs(4, 30, 6, 0.05, 5);
    const m = fromRows(points);
    const scores = [2, 3, 4, 6, 8].map((k) => [k, silhouette(m, kmeans(m, k, { seed: 1 }).assignments, k, { seed: 1 })]);
    expect(scores.reduce((best, s) => (s[1] > best[1] ? s : best))[0]).toBe(4);
  });

  it("finds near duplicates, exactly and with LSH alike", () => {
    const rng = createRng(11);
    const base = Array.from({ length: 600 }, () => Array.from({ length: 64 }, () => gaussian(rng)));
    const planted = [5, 77, 300, 450];
    const rows = [...base, ...planted.map((i) => base[i].map((x) => x + gaussian(rng) * 0.05))];
    const m = normalizeRows(fromRows(rows));
    const exact = earliestSimilar(m, 0.95, { exactUpTo: 10_000 });
    const lsh = earliestSimilar(m, 0.95, { exactUpTo: 0 });
    expect(Array.from(exact.of.slice(600))).toEqual(planted);
    expect(Array.from(exact.of.slice(0, 600)).every((x) => x === -1)).toBe(true);
    expect(Array.from(lsh.of)).toEqual(Array.from(exact.of));
    expect(exact.similarity[600]).toBeGreaterThan(0.99);
  });

  it("names a group by the words that set it apart", () => {
    const index = indexTerms([
      "Search GitHub issues",
      "List GitHub pull requests",
      "Get the weather forecast",
      "Weather alerts for a city",
      "Create GitHub issue",
    ]);
    expect(distinctiveTerms(index, [0, 1, 4], 1)).toEqual(["github"]);
    expect(distinctiveTerms(index, [2, 3], 1)).toEqual(["weather"]);
  });

  it("does not name a group by the boilerplate its whole source repeats", () => {
    const shell = (what: string) => `${what}. Belongs to the System category. Description: runs a shell command.`;
    const texts = [
      shell("cat: print a file"),
      shell("tail: print the last lines of a file"),
      shell("ls: list a directory"),
      shell("find: list files under a directory"),
      "weather: forecast for a city",
      "alerts: weather alerts for a region",
    ];
    const sources = ["shell", "shell", "shell", "shell", "weather", "weather"];
    const names = distinctiveTerms(indexTerms(texts, sources), [0, 1, 2, 3], 3);
    for (const boilerplate of ["belongs", "description", "system", "category", "shell", "command", "runs"]) expect(names).not.toContain(boilerplate);
    expect(names).toEqual(["directory", "file", "list"]);
    expect(distinctiveTerms(indexTerms(texts, sources), [4, 5], 1)).toEqual(["weather"]);
  });

  it("clusters into categories under domains and maps every tool, deterministically", () => {
    const { points, labels } = blobs(12, 15, 32, 0.02, 8);
    const texts = labels.map((l) => `topic${l} word${l} common`);
    const config = clusterConfigSchema.parse({ kMin: 6, kMax: 20, kCandidates: 8, maxTopLevel: 5 });
    const fit = points.map((_, i) => i % 15 !== 0);
    const a = clusterVectors(points, texts, fit, config);
    expect(a.categories).toHaveLength(12);
    expect(samePartition(labels, a.assignments)).toBe(true);
    expect(a.domains.length).toBeGreaterThanOrEqual(2);
    expect(a.domains.length).toBeLessThanOrEqual(5);
    expect(a.categories.every((c) => c.parent !== null && a.domains[c.parent].children.includes(a.categories.indexOf(c)))).toBe(true);
    expect(a.categories[a.assignments[0]].terms).toEqual(expect.arrayContaining([`topic${labels[0]}`]));
    expect(a.map.length).toBe(points.length * 2);
    const b = clusterVectors(points, texts, fit, config);
    expect(Array.from(b.map)).toEqual(Array.from(a.map));
  });

  it("keeps a small catalogue flat", () => {
    const { points } = blobs(3, 10, 16, 0.02);
    const result = clusterVectors(
      points,
      points.map(() => "x"),
      points.map(() => true),
      clusterConfigSchema.parse({ kMin: 2, kMax: 6 }),
    );
    expect(result.categories).toHaveLength(3);
    expect(result.domains).toEqual([]);
  });
});
