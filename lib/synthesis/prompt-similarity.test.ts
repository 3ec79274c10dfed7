import { describe, expect, it } from "vitest";
import { jaccard, PromptIndex, shingles, type Shingles } from "./prompt-similarity";
import { createRng, pickOne, randInt } from "./random";

describe("near-identical prompts", () => {
  it("scores a one-word change close to 1 and different prompts low", () => {
    const prompt = (word: string) =>
      "You are Atlas. Helps travellers book trains across Europe, change their seats, and keep their tickets " +
      word +
      ". Policies: confirm the passenger's name and booking reference before changing anything; never reveal another passenger's data; " +
      "offer a refund only when the fare allows it. Tone: warm, brief and precise.";
    const a = shingles(prompt("safe"));
    const b = shingles(prompt("secure"));
    const c = shingles("You are Ledger. Reconciles invoices for small firms and flags late payments to the owner.");
    expect(jaccard(a, b)).toBeGreaterThan(0.85);
    expect(jaccard(a, c)).toBeLessThan(0.1);
  });

  it("the index finds exactly what comparing against every prompt finds", () => {
    const rng = createRng(4);
    const words = Array.from({ length: 60 }, (_, i) => `w${i}`);
    const sets: Shingles[] = [];
    for (let i = 0; i < 400; i++) {
      // Half the prompts are light edits of an earlier one, so matches exist at every level.
      const base = i > 0 && rng() < 0.5 ? [...pickOne(rng, sets)].join(" ").split(" ").slice(0, 60) : Array.from({ length: 40 }, () => pickOne(rng, words));
      for (let k = randInt(rng, 0, 4); k > 0; k--) base[randInt(rng, 0, base.length - 1)] = pickOne(rng, words);
      sets.push(shingles(base.join(" ")));
    }
    for (const threshold of [0.5, 0.7, 0.9]) {
      const index = new PromptIndex<number>(threshold);
      for (const [i, set] of sets.entries()) {
        let brute: { key: number; similarity: number } | null = null;
        for (let j = 0; j < i; j++) {
          const s = jaccard(set, sets[j]);
          if (s >= threshold && (!brute || s > brute.similarity)) brute = { key: j, similarity: s };
        }
        expect(index.find(set)).toEqual(brute);
        index.add(i, set);
      }
    }
  });
});
