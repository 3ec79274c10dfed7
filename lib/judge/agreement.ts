// Agreement between two raters over the same items: the judge and people,
// or two judge configurations. Pure functions, so the statistics are tested
// against values computed by hand.

/** rows: the first rater's label, columns: the second's; counts[i][j] items. */
export type ConfusionMatrix<L extends string> = { labels: L[]; counts: number[][] };

export type Agreement<L extends string> = {
  n: number;
  /** share of items both raters labelled the same; null without items */
  accuracy: number | null;
  /** Cohen's kappa; null when undefined (no items, or chance agreement is already 1) */
  kappa: number | null;
  matrix: ConfusionMatrix<L>;
  /** ids of the items the raters disagree on, in input order */
  disagreeing: string[];
};

/**
 * Cohen's kappa = (po − pe) / (1 − pe), po the observed agreement and pe the
 * agreement expected by chance from each rater's label frequencies. When
 * pe = 1 both raters used one and the same label for everything and kappa is
 * undefined (0/0): null, not a made-up 1 or 0.
 */
export function cohensKappa(counts: number[][]): number | null {
  const k = counts.length;
  const n = counts.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0);
  if (n === 0) return null;
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    observed += counts[i][i];
    const rowTotal = counts[i].reduce((a, b) => a + b, 0);
    const colTotal = counts.reduce((s, row) => s + row[i], 0);
    expected += (rowTotal / n) * (colTotal / n);
  }
  const po = observed / n;
  if (Math.abs(1 - expected) < 1e-12) return null;
  return (po - expected) / (1 - expected);
}

export function agreement<L extends string>(items: { id: string; a: L; b: L }[], labels: L[]): Agreement<L> {
  const index = new Map(labels.map((l, i) => [l, i]));
  const counts = labels.map(() => labels.map(() => 0));
  const disagreeing: string[] = [];
  for (const item of items) {
    const i = index.get(item.a);
    const j = index.get(item.b);
    if (i === undefined || j === undefined) throw new Error(`label outside ${labels.join("/")}: ${item.a} / ${item.b}`);
    counts[i][j]++;
    if (i !== j) disagreeing.push(item.id);
  }
  const n = items.length;
  return {
    n,
    accuracy: n === 0 ? null : (n - disagreeing.length) / n,
    kappa: cohensKappa(counts),
    matrix: { labels, counts },
    disagreeing,
  };
}

/** How far apart two values are for Krippendorff's alpha: any difference counts 1 (nominal), or the squared difference (interval). */
export type AlphaMetric = "nominal" | "interval";

/**
 * Krippendorff's alpha over units rated by any number of raters, each unit
 * with the values it got (a missing rating is simply absent). Units with
 * fewer than two values are not pairable and are left out.
 * alpha = 1 − Do/De from the coincidence matrix: each ordered pair of values
 * within a unit of m values adds 1/(m − 1); Do = Σ o_ck δ(c,k) / n and
 * De = Σ n_c n_k δ(c,k) / (n(n − 1)). Null when nothing is pairable or every
 * value is the same (De = 0: agreement is not measurable, as with kappa).
 */
export function krippendorffAlpha(units: readonly (readonly (string | number)[])[], metric: AlphaMetric): { alpha: number | null; units: number } {
  const delta = (c: string | number, k: string | number) => (metric === "nominal" ? (c === k ? 0 : 1) : (Number(c) - Number(k)) ** 2);
  const pairable = units.filter((u) => u.length >= 2);
  const coincidences = new Map<string | number, Map<string | number, number>>();
  const add = (c: string | number, k: string | number, w: number) => {
    const row = coincidences.get(c) ?? new Map<string | number, number>();
    row.set(k, (row.get(k) ?? 0) + w);
    coincidences.set(c, row);
  };
  for (const unit of pairable) {
    for (let i = 0; i < unit.length; i++) for (let j = 0; j < unit.length; j++) if (i !== j) add(unit[i], unit[j], 1 / (unit.length - 1));
  }
  const totals = new Map([...coincidences].map(([c, row]) => [c, [...row.values()].reduce((a, b) => a + b, 0)]));
  const n = [...totals.values()].reduce((a, b) => a + b, 0);
  let observed = 0;
  for (const [c, row] of coincidences) for (const [k, o] of row) observed += o * delta(c, k);
  let expected = 0;
  for (const [c, nc] of totals) for (const [k, nk] of totals) expected += nc * nk * delta(c, k);
  if (n < 2 || expected < 1e-12) return { alpha: null, units: pairable.length };
  return { alpha: 1 - ((n - 1) * observed) / expected, units: pairable.length };
}
