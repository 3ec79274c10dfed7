import { createHash } from "node:crypto";
import { mulberry32 } from "../../util/random";

/** A seeded generator (see mulberry32) with the draws the offline provider makes: the same seed always gives the same sequence. */
export class Rng {
  readonly next: () => number;

  constructor(seed: number | string) {
    this.next = mulberry32(typeof seed === "number" ? seed : createHash("sha256").update(seed).digest().readUInt32LE(0));
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Favours the front of the list, where the most relevant items are kept. */
  pickEarly<T>(items: readonly T[]): T {
    const r = this.next();
    return items[Math.floor(r * r * items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  hex(length: number): string {
    let out = "";
    while (out.length < length) out += Math.floor(this.next() * 16).toString(16);
    return out;
  }
}

export function createRng(seed: number | string): Rng {
  return new Rng(seed);
}
