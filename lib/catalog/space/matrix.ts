// Row-major dense matrices in one Float64Array: an n×d matrix of vectors.

export type Matrix = { rows: number; cols: number; data: Float64Array };

export function fromRows(rows: number[][]): Matrix {
  const n = rows.length;
  const d = n ? rows[0].length : 0;
  const data = new Float64Array(n * d);
  rows.forEach((r, i) => data.set(r, i * d));
  return { rows: n, cols: d, data };
}

export function row(m: Matrix, i: number): Float64Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>, n = a.length): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i] * b[i];
  return s;
}

export function squaredDistance(a: ArrayLike<number>, b: ArrayLike<number>, n = a.length): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = a[i] - b[i];
    s += d * d;
  }
  return s;
}

/** Each row scaled to unit length (zero rows stay zero), in place. */
export function normalizeRows(m: Matrix): Matrix {
  for (let i = 0; i < m.rows; i++) {
    const r = row(m, i);
    const norm = Math.sqrt(dot(r, r));
    if (norm > 0) for (let j = 0; j < r.length; j++) r[j] /= norm;
  }
  return m;
}
