/**
 * mulberry32: a small seeded generator, uniform in [0, 1). The same 32-bit
 * seed gives the same sequence on any machine; every seeded draw in the studio
 * (clustering, synthesis, simulation, the offline provider) comes from it,
 * each module seeding it its own way.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
