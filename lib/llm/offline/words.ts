// Word handling shared by the offline provider's choices: tool relevance, fill hints, embeddings.

const STOPWORDS = new Set(
  (
    "a an and are as at be been but by can could do does for from has have how i if in into is it its me my no not of on or " +
    "our please should so some that the their them then there these they this those to was we were what when where which " +
    "who why will with would you your yours about all any each also just only very more most other such than too use using " +
    "json schema object field fields value values reply return output generate create produce following given must " +
    "answer respond response format valid string number array true false null assistant system user " +
    "get fetch tell give need want like help know let"
  ).split(" "),
);

/** Lowercase word tokens; camelCase and snake_case are split into their words. */
export function tokenize(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** A crude stemmer: enough for "forecasts" to meet "forecast" and "booking" to meet "book". */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 5 && word.endsWith("ing")) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith("ed")) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

/** Stemmed content words of a text, for comparing texts. */
export function termsOf(text: string): string[] {
  return tokenize(text)
    .filter((w) => w.length > 1 && !STOPWORDS.has(w))
    .map(stem);
}

/** Words to build plausible content from, most relevant first. */
export type FillHints = { words: string[]; properNouns: string[] };

export const NO_HINTS: FillHints = { words: [], properNouns: [] };

/** Hints from texts given in order of relevance: their content words (deduplicated) and capitalised names. */
export function hintsFromText(...texts: string[]): FillHints {
  const words = new Set<string>();
  const properNouns = new Set<string>();
  for (const text of texts) {
    for (const w of tokenize(text)) if (w.length > 2 && !STOPWORDS.has(w) && !/^\d+$/.test(w)) words.add(w);
    for (const m of text.matchAll(/(?<![.!?:]\s+|^\s*)\b([A-Z][a-z]{2,})\b/g)) if (!STOPWORDS.has(m[1].toLowerCase())) properNouns.add(m[1]);
  }
  return { words: [...words].slice(0, 200), properNouns: [...properNouns].slice(0, 50) };
}
