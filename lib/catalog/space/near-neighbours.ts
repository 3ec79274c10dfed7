import { createRng, gaussian } from "./rng";
import { dot, row, type Matrix } from "./matrix";

// Pairs of unit vectors with cosine ≥ threshold. Exact (all pairs) for small
// sets; above that, random-hyperplane LSH proposes candidates that are then
// checked exactly, so a reported pair is always real, and a pair is missed
// only with small probability (about 2% at cosine 0.95, far less above).

const EXACT_UP_TO = 4_000;
const TABLES = 12;
const BITS = 12;

export type Neighbour = { i: number; j: number; similarity: number };

/**
 * For each row in order, the earliest earlier row it is at least `threshold`
 * similar to (and `accept`s, when given) — or -1. Rows must be unit length.
 */
export function earliestSimilar(
  m: Matrix,
  threshold: number,
  opts: { seed?: number; exactUpTo?: number; accept?: (i: number, j: number) => boolean } = {},
): { of: Int32Array; similarity: Float64Array } {
  const n = m.rows;
  const of = new Int32Array(n).fill(-1);
  const similarity = new Float64Array(n);
  const consider = (i: number, j: number) => {
    const s = dot(row(m, i), row(m, j), m.cols);
    if (s >= threshold && (of[i] === -1 || j < of[i]) && (!opts.accept || opts.accept(i, j))) {
      of[i] = j;
      similarity[i] = s;
    }
  };
  if (n <= (opts.exactUpTo ?? EXACT_UP_TO)) {
    for (let i = 1; i < n; i++) for (let j = 0; j < i; j++) consider(i, j);
    return { of, similarity };
  }
  const rng = createRng(opts.seed ?? 7);
  const planes = new Float64Array(TABLES * BITS * m.cols);
  for (let p = 0; p < planes.length; p++) planes[p] = gaussian(rng);
  const tables = Array.from({ length: TABLES }, () => new Map<number, number[]>());
  for (let i = 0; i < n; i++) {
    const x = row(m, i);
    const seen = new Set<number>();
    for (let t = 0; t < TABLES; t++) {
      let sig = 0;
      for (let b = 0; b < BITS; b++) {
        const plane = planes.subarray((t * BITS + b) * m.cols, (t * BITS + b + 1) * m.cols);
        if (dot(x, plane, m.cols) >= 0) sig |= 1 << b;
      }
      const bucket = tables[t].get(sig);
      if (bucket) {
        for (const j of bucket) {
          if (seen.has(j)) continue;
          seen.add(j);
          consider(i, j);
        }
        bucket.push(i);
      } else tables[t].set(sig, [i]);
    }
  }
  return { of, similarity };
}
