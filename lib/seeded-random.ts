// A small seeded PRNG (mulberry32) returning floats in [0, 1): the same seed gives the same sequence. Used where
// results must repeat from run to run — k-means seeding, generated bench data, property-style tests.
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
