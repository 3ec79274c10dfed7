import { createHash } from "node:crypto";
import { mulberry32 } from "../util/random";

// Every random choice in synthesis comes from a seed derived from the run's
// seed and the item's key, so a rerun with the same seed makes the same
// choices whatever order the items happen to finish in.

/** A non-negative 31-bit integer seed derived from a base seed and a path of keys. */
export function deriveSeed(seed: number, ...path: (string | number)[]): number {
  const digest = createHash("sha256")
    .update([seed, ...path].join("\u0000"))
    .digest();
  return digest.readUInt32BE(0) >>> 1;
}

export type Rng = () => number;

/** A seeded generator for sampling (see mulberry32). */
export function createRng(seed: number): Rng {
  return mulberry32(seed);
}

/** An integer in [min, max], both included. */
export function randInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function pickOne<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new Error("cannot pick from an empty list");
  return items[Math.floor(rng() * items.length)];
}

/** Up to n distinct items in random order (a partial Fisher–Yates shuffle of a copy). */
export function sample<T>(rng: Rng, items: readonly T[], n: number): T[] {
  const copy = items.slice();
  const k = Math.min(n, copy.length);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, k);
}

export function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  return sample(rng, items, items.length);
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
