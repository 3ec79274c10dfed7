import { createRng } from "./rng";
import { row, squaredDistance, type Matrix } from "./matrix";

// k-means with k-means++ seeding from a seeded PRNG, and a silhouette score
// on a fixed sample to choose k. Written here because no clustering library
// is installed; it is small and deterministic.

export type KMeans = { k: number; centroids: Matrix; assignments: Int32Array; inertia: number; iterations: number };

function seedCentroids(m: Matrix, k: number, rng: () => number, weights?: Float64Array): Matrix {
  const { rows: n, cols: d } = m;
  const centroids = new Float64Array(k * d);
  const closest = new Float64Array(n).fill(Infinity);
  const w = (i: number) => (weights ? weights[i] : 1);
  let first = 0;
  if (weights) {
    let total = 0;
    for (let i = 0; i < n; i++) total += w(i);
    let r = rng() * total;
    while (first < n - 1 && (r -= w(first)) > 0) first++;
  } else first = Math.floor(rng() * n);
  centroids.set(row(m, first), 0);
  for (let c = 1; c < k; c++) {
    const last = centroids.subarray((c - 1) * d, c * d);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const dist = squaredDistance(row(m, i), last, d);
      if (dist < closest[i]) closest[i] = dist;
      total += closest[i] * w(i);
    }
    let pick = 0;
    if (total > 0) {
      let r = rng() * total;
      for (pick = 0; pick < n - 1; pick++) if ((r -= closest[pick] * w(pick)) <= 0) break;
    }
    centroids.set(row(m, pick), c * d);
  }
  return { rows: k, cols: d, data: centroids };
}

export function nearest(centroids: Matrix, x: ArrayLike<number>): { index: number; distance: number } {
  let index = 0;
  let distance = Infinity;
  for (let c = 0; c < centroids.rows; c++) {
    const dist = squaredDistance(x, row(centroids, c), centroids.cols);
    if (dist < distance) {
      distance = dist;
      index = c;
    }
  }
  return { index, distance };
}

/** Lloyd's k-means; `weights` count a row as that many points (clustering centroids into domains). */
export function kmeans(m: Matrix, k: number, opts: { seed: number; maxIterations?: number; weights?: Float64Array }): KMeans {
  const { rows: n, cols: d } = m;
  const kk = Math.max(1, Math.min(k, n));
  const rng = createRng(opts.seed);
  const centroids = seedCentroids(m, kk, rng, opts.weights);
  const assignments = new Int32Array(n).fill(-1);
  const maxIterations = opts.maxIterations ?? 50;
  let inertia = 0;
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    let moved = 0;
    inertia = 0;
    for (let i = 0; i < n; i++) {
      const { index, distance } = nearest(centroids, row(m, i));
      if (assignments[i] !== index) moved++;
      assignments[i] = index;
      inertia += distance * (opts.weights ? opts.weights[i] : 1);
    }
    if (moved === 0) break;
    const sums = new Float64Array(kk * d);
    const counts = new Float64Array(kk);
    for (let i = 0; i < n; i++) {
      const c = assignments[i];
      const w = opts.weights ? opts.weights[i] : 1;
      counts[c] += w;
      const x = row(m, i);
      for (let j = 0; j < d; j++) sums[c * d + j] += x[j] * w;
    }
    for (let c = 0; c < kk; c++) {
      if (counts[c] === 0) {
        // an empty cluster takes the point farthest from its centroid
        let far = 0;
        let farDist = -1;
        for (let i = 0; i < n; i++) {
          const dist = squaredDistance(row(m, i), row(centroids, assignments[i]), d);
          if (dist > farDist) {
            farDist = dist;
            far = i;
          }
        }
        centroids.data.set(row(m, far), c * d);
        continue;
      }
      for (let j = 0; j < d; j++) centroids.data[c * d + j] = sums[c * d + j] / counts[c];
    }
  }
  return { k: kk, centroids, assignments, inertia, iterations };
}

/** Mean silhouette of a fixed sample of rows (exact when n ≤ sampleSize). */
export function silhouette(m: Matrix, assignments: Int32Array, k: number, opts: { seed: number; sampleSize?: number }): number {
  const n = m.rows;
  const size = Math.min(n, opts.sampleSize ?? 800);
  const rng = createRng(opts.seed);
  const sample = size === n ? Array.from({ length: n }, (_, i) => i) : Array.from({ length: size }, () => Math.floor(rng() * n));
  let total = 0;
  const sums = new Float64Array(k);
  const counts = new Int32Array(k);
  for (const i of sample) {
    sums.fill(0);
    counts.fill(0);
    for (const j of sample) {
      if (i === j) continue;
      sums[assignments[j]] += Math.sqrt(squaredDistance(row(m, i), row(m, j), m.cols));
      counts[assignments[j]]++;
    }
    const own = assignments[i];
    if (counts[own] === 0) continue; // a singleton scores 0
    const a = sums[own] / counts[own];
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && counts[c] > 0) b = Math.min(b, sums[c] / counts[c]);
    if (b === Infinity) continue;
    total += (b - a) / Math.max(a, b);
  }
  return total / sample.length;
}
