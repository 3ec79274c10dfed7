import { mulberry32 } from "../util/random";

// A small deterministic PRNG: the same seed and key give the same draws on
// any machine and in any order of concurrent episodes.

/** 32-bit FNV-1a of a string. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export type Rng = {
  /** uniform in [0, 1) */
  next(): number;
  int(maxExclusive: number): number;
  pick<T>(items: readonly T[]): T;
};

/** A generator (see mulberry32) seeded from a number and any number of string keys. */
export function createRng(seed: number, ...keys: (string | number)[]): Rng {
  const next = mulberry32(hash32([seed, ...keys].join("\u0000")));
  return {
    next,
    int: (max) => Math.floor(next() * max),
    pick: (items) => items[Math.floor(next() * items.length)],
  };
}
