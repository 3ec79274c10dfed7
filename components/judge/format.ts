/** 0.734 → "73%"; null → "—". */
export function percent(x: number | null | undefined, digits = 0): string {
  return x == null ? "—" : `${(x * 100).toFixed(digits)}%`;
}

/** Kappa to two decimals, a dash when it has no value (see lib/judge/agreement.ts); kappaWords says why. */
export function kappaText(k: number | null): string {
  return k == null ? "—" : k.toFixed(2);
}

/** Landis & Koch's words for a kappa, the usual way to read one. */
export function kappaWords(k: number | null): string {
  if (k == null) return "not measurable while every verdict is the same";
  if (k < 0) return "worse than chance";
  if (k <= 0.2) return "slight";
  if (k <= 0.4) return "fair";
  if (k <= 0.6) return "moderate";
  if (k <= 0.8) return "substantial";
  return "almost perfect";
}

export function usd(x: number): string {
  return x === 0 ? "$0" : x < 0.01 ? `$${x.toFixed(5)}` : `$${x.toFixed(2)}`;
}
