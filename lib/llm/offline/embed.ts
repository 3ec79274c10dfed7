import { isStopword, stem, tokenize } from "./words";

export const OFFLINE_EMBEDDING_DIMENSIONS = 256;

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Weights: a tool's name says what it does, a description also says what many tools share. */
const NAME_WORD = 3;
const NAME_PAIR = 2;
const NAME_TRIGRAM = 1;
const WORD = 1;
const PAIR = 0.5;
const TRIGRAM = 0.25;

/** `get weather: Get the weather for a city.`: the name part of an embedding text, when it has one. */
const NAMED = /^([^:\n]{1,80}):\s/;

/**
 * A hashed bag of words, word pairs (in order, so "liter to gallon" differs
 * from "gallon to liter") and character trigrams, L2-normalised. Text before
 * a leading `name:` weighs most; in the rest, stop words are skipped and a
 * repeated word counts less each time, so shared boilerplate weighs little.
 * The same text always gets the same vector.
 */
export function offlineEmbedding(text: string, dimensions = OFFLINE_EMBEDDING_DIMENSIONS): number[] {
  const v = new Array<number>(dimensions).fill(0);
  const add = (feature: string, weight: number) => {
    const h = fnv1a(feature);
    v[h % dimensions] += h >>> 31 ? -weight : weight;
  };
  const named = text.match(NAMED);
  const name = named ? tokenize(named[1]) : [];
  const rest = tokenize(named ? text.slice(named[0].length) : text).filter((w) => !isStopword(w));
  const part = (words: string[], weights: readonly [number, number, number], prefix: string) => {
    const seen = new Map<string, number>();
    words.forEach((word, i) => {
      const stemmed = stem(word);
      const n = (seen.get(stemmed) ?? 0) + 1;
      seen.set(stemmed, n);
      const damp = 1 / n;
      add(`w:${stemmed}`, weights[0] * damp);
      if (i > 0) add(`${prefix}p:${stem(words[i - 1])}>${stemmed}`, weights[1] * damp);
      const padded = `#${word}#`;
      for (let k = 0; k + 3 <= padded.length; k++) add(`t:${padded.slice(k, k + 3)}`, weights[2] * damp);
    });
  };
  part(name, [NAME_WORD, NAME_PAIR, NAME_TRIGRAM], "n");
  part(rest, [WORD, PAIR, TRIGRAM], "");
  const norm = Math.hypot(...v);
  if (norm === 0) {
    v[0] = 1;
    return v;
  }
  return v.map((x) => x / norm);
}

export function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}
