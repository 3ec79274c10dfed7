import { createHash } from "node:crypto";

// Near-identical system prompts are found by word-trigram overlap (Jaccard):
// exact, cheap and independent of the embedding model; two prompts that
// differ only in a name or a word or two score close to 1.

export type Shingles = Set<string>;

export function shingles(text: string, size = 3): Shingles {
  const words = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const out = new Set<string>();
  if (words.length < size) {
    if (words.length) out.add(words.join(" "));
    return out;
  }
  for (let i = 0; i + size <= words.length; i++) out.add(words.slice(i, i + size).join(" "));
  return out;
}

export function jaccard(a: Shingles, b: Shingles): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const s of small) if (large.has(s)) shared++;
  return shared / (a.size + b.size - shared);
}

function rank(token: string): number {
  return createHash("md5").update(token).digest().readUInt32BE(0);
}

/**
 * Finds, among the prompts added so far, the most similar one at or above
 * `threshold` without comparing against all of them: two sets with Jaccard
 * ≥ t must share a token among their first |x| − ⌈t·|x|⌉ + 1 tokens in any
 * fixed global order (the prefix filter of Bayardo et al., "Scaling up all
 * pairs similarity search", 2007), so only prompts sharing a prefix token are
 * compared. Tokens common to every prompt would defeat the filter, so callers
 * shingle the generated content, not a shared template.
 */
export class PromptIndex<K> {
  private readonly entries: { key: K; shingles: Shingles }[] = [];
  private readonly postings = new Map<string, number[]>();

  constructor(private readonly threshold: number) {}

  private prefix(set: Shingles): string[] {
    const tokens = [...set].map((t) => ({ t, r: rank(t) })).sort((a, b) => a.r - b.r || (a.t < b.t ? -1 : 1));
    return tokens.slice(0, set.size - Math.ceil(this.threshold * set.size) + 1).map((x) => x.t);
  }

  /** `admit` narrows which earlier prompts count. */
  find(candidate: Shingles, admit: (key: K) => boolean = () => true): { key: K; similarity: number } | null {
    const seen = new Set<number>();
    for (const token of this.prefix(candidate)) for (const i of this.postings.get(token) ?? []) seen.add(i);
    let best: { index: number; similarity: number } | null = null;
    for (const i of [...seen].sort((a, b) => a - b)) {
      if (!admit(this.entries[i].key)) continue;
      const other = this.entries[i].shingles;
      if (Math.min(candidate.size, other.size) < this.threshold * Math.max(candidate.size, other.size)) continue;
      const similarity = jaccard(candidate, other);
      if (similarity >= this.threshold && (!best || similarity > best.similarity)) best = { index: i, similarity };
    }
    return best ? { key: this.entries[best.index].key, similarity: best.similarity } : null;
  }

  add(key: K, set: Shingles): void {
    const index = this.entries.push({ key, shingles: set }) - 1;
    for (const token of this.prefix(set)) {
      const list = this.postings.get(token);
      if (list) list.push(index);
      else this.postings.set(token, [index]);
    }
  }
}
