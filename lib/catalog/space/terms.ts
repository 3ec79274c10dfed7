// The most distinctive words of a group of texts against the whole corpus
// (document frequency in the group × inverse document frequency overall):
// what names a category when no model is asked.

const STOP = new Set(
  "a an and any are as at be by can for from given if in into is it its of on or that the their then this to via when which will with without you your all also based each one more most not only other same some such than these those using use used uses get gets returns return returned tool tools function specified provided optional required value values data default new set current given whether e g eg id ids within about after before over under off back out via per able allow allowed lets let like just very much many".split(
    " ",
  ),
);

export function tokens(text: string): string[] {
  return (
    text
      .toLowerCase()
      .match(/[a-z][a-z0-9]+/g)
      ?.filter((w) => w.length > 2 && !STOP.has(w)) ?? []
  );
}

export type TermIndex = { docs: Set<string>[]; df: Map<string, number>; boilerplate: Set<string> };

/** A source this size or larger can have boilerplate of its own. */
const SOURCE_MIN = 4;

/**
 * `groups[i]` names the source of text i (null: none). Words in most of the
 * corpus, or in nearly every text of one source ("Belongs to the System
 * category. Description: ..."), say nothing about a group: they are boilerplate.
 */
export function indexTerms(texts: string[], groups?: (string | null)[]): TermIndex {
  const docs = texts.map((t) => new Set(tokens(t)));
  const df = new Map<string, number>();
  for (const d of docs) for (const w of d) df.set(w, (df.get(w) ?? 0) + 1);
  const boilerplate = new Set<string>();
  if (docs.length >= SOURCE_MIN) for (const [w, c] of df) if (c >= docs.length * 0.8) boilerplate.add(w);
  const bySource = new Map<string, number[]>();
  groups?.forEach((g, i) => g !== null && bySource.set(g, [...(bySource.get(g) ?? []), i]));
  for (const members of bySource.values()) {
    if (members.length < SOURCE_MIN) continue;
    const local = new Map<string, number>();
    for (const i of members) for (const w of docs[i]) local.set(w, (local.get(w) ?? 0) + 1);
    for (const [w, c] of local) if (c >= members.length * 0.9) boilerplate.add(w);
  }
  return { docs, df, boilerplate };
}

/** The top `count` terms of the documents `members` (indexes into the corpus); boilerplate only when nothing else is shared. */
export function distinctiveTerms(index: TermIndex, members: number[], count = 3): string[] {
  const n = index.docs.length;
  const local = new Map<string, number>();
  for (const i of members) for (const w of index.docs[i]) local.set(w, (local.get(w) ?? 0) + 1);
  const scored = [...local.entries()]
    .filter(([, c]) => c >= Math.min(2, members.length))
    .map(([w, c]) => ({ w, score: (c / members.length) * Math.log((n + 1) / (index.df.get(w)! + 0.5)) }))
    .sort((a, b) => b.score - a.score || (a.w < b.w ? -1 : 1));
  const distinct = scored.filter((x) => !index.boilerplate.has(x.w));
  return (distinct.length ? distinct : scored).slice(0, count).map((x) => x.w);
}
