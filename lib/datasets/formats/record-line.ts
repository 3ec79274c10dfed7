// A record is plain JSON for anyone who reads it (a chat template, a test),
// but some of its values came from text a model or a file wrote: tool-call
// arguments. JSON.stringify would write such a value in its own spelling
// (numbers, escapes, spacing); the record's line must carry the text instead.

const keptText = new WeakMap<object, string>();
// a string no record can hold by chance: a NUL and a per-process random tag
const MARK = `\u0000kept-json-${Math.random().toString(36).slice(2)}:`;
const MARK_IN_JSON = new RegExp(
  `"${JSON.stringify(MARK)
    .slice(1, -1)
    .replace(/[\\^$.*+?()[\]{}|]/g, "\\$&")}(\\d+)"`,
  "g",
);

/** Marks `value` as the reading of `text` (one line of JSON): the record's line writes `text` in its place. */
export function withJsonText<T>(value: T, text: string | null): T {
  if (text !== null && typeof value === "object" && value !== null) keptText.set(value, text);
  return value;
}

/** One JSONL line of a record, with every value marked by withJsonText written as its text. */
export function recordLine(record: unknown): string {
  const texts: string[] = [];
  const json = JSON.stringify(record, (_key, value: unknown) => {
    if (typeof value === "object" && value !== null) {
      const text = keptText.get(value);
      if (text !== undefined) return `${MARK}${texts.push(text) - 1}`;
    }
    return value;
  });
  return `${texts.length ? json.replace(MARK_IN_JSON, (_m, i: string) => texts[Number(i)]) : json}\n`;
}
