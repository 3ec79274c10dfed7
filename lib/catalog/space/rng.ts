import { mulberry32 } from "../../util/random";

/** A seeded generator (see mulberry32), so clustering and projections repeat exactly; seed 0 starts elsewhere. */
export function createRng(seed: number): () => number {
  return mulberry32(seed >>> 0 || 0x9e3779b9);
}

/** A standard normal draw (Box–Muller). */
export function gaussian(rng: () => number): number {
  const u = 1 - rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}
