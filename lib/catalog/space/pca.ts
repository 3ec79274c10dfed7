import { createRng, gaussian } from "./rng";
import { dot, row, type Matrix } from "./matrix";

// Principal components by power iteration on the covariance matrix, with
// deflation. Vectors wider than MAX_DIM are first mapped to MAX_DIM
// dimensions by a seeded Gaussian random projection (distances are kept
// approximately), so the covariance stays small whatever the embedding model.

const MAX_DIM = 256;
const ITERATIONS = 100;

export function randomProjection(m: Matrix, dims: number, seed: number): Matrix {
  const rng = createRng(seed);
  const r = new Float64Array(m.cols * dims);
  const scale = 1 / Math.sqrt(dims);
  for (let i = 0; i < r.length; i++) r[i] = gaussian(rng) * scale;
  const out = new Float64Array(m.rows * dims);
  for (let i = 0; i < m.rows; i++) {
    const x = row(m, i);
    for (let j = 0; j < m.cols; j++) {
      const v = x[j];
      if (v === 0) continue;
      const base = j * dims;
      for (let k = 0; k < dims; k++) out[i * dims + k] += v * r[base + k];
    }
  }
  return { rows: m.rows, cols: dims, data: out };
}

function covariance(m: Matrix, mean: Float64Array): Float64Array {
  const d = m.cols;
  const cov = new Float64Array(d * d);
  const centered = new Float64Array(d);
  for (let i = 0; i < m.rows; i++) {
    const x = row(m, i);
    for (let j = 0; j < d; j++) centered[j] = x[j] - mean[j];
    for (let a = 0; a < d; a++) {
      const ca = centered[a];
      if (ca === 0) continue;
      const base = a * d;
      for (let b = a; b < d; b++) cov[base + b] += ca * centered[b];
    }
  }
  for (let a = 0; a < d; a++) for (let b = a; b < d; b++) cov[b * d + a] = cov[a * d + b] /= Math.max(1, m.rows - 1);
  return cov;
}

export type Pca = { mean: Float64Array; components: Float64Array[]; variances: number[]; projected: Matrix };

/** The first `k` principal components of the rows of `m`, and every row projected onto them. */
export function pca(input: Matrix, k: number, seed = 1): Pca {
  const m = input.cols > MAX_DIM ? randomProjection(input, MAX_DIM, seed) : input;
  const d = m.cols;
  const mean = new Float64Array(d);
  for (let i = 0; i < m.rows; i++) {
    const x = row(m, i);
    for (let j = 0; j < d; j++) mean[j] += x[j] / m.rows;
  }
  const cov = covariance(m, mean);
  const rng = createRng(seed);
  const components: Float64Array[] = [];
  const variances: number[] = [];
  const tmp = new Float64Array(d);
  for (let c = 0; c < Math.min(k, d); c++) {
    let v = Float64Array.from({ length: d }, () => gaussian(rng));
    const start = Math.sqrt(dot(v, v));
    v = v.map((x) => x / start);
    let lambda = 0;
    for (let it = 0; it < ITERATIONS; it++) {
      for (let a = 0; a < d; a++) tmp[a] = dot(cov.subarray(a * d, (a + 1) * d), v);
      const norm = Math.sqrt(dot(tmp, tmp));
      if (norm === 0) break;
      const next = tmp.map((x) => x / norm);
      const change = 1 - Math.abs(dot(next, v));
      v = next;
      lambda = norm;
      if (change < 1e-10) break;
    }
    // a fixed sign, so the same data always gives the same picture
    let largest = 0;
    for (let a = 1; a < d; a++) if (Math.abs(v[a]) > Math.abs(v[largest])) largest = a;
    if (v[largest] < 0) v = v.map((x) => -x);
    components.push(v);
    variances.push(lambda);
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) cov[a * d + b] -= lambda * v[a] * v[b];
  }
  const p = components.length;
  const projected = new Float64Array(m.rows * p);
  const centered = new Float64Array(d);
  for (let i = 0; i < m.rows; i++) {
    const x = row(m, i);
    for (let j = 0; j < d; j++) centered[j] = x[j] - mean[j];
    for (let c = 0; c < p; c++) projected[i * p + c] = dot(centered, components[c]);
  }
  return { mean, components, variances, projected: { rows: m.rows, cols: p, data: projected } };
}
