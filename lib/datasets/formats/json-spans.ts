// The text of one member of JSON objects exactly as a file wrote it, so a
// value nested in a JSON string (ShareGPT's function_call) keeps its bytes:
// JSON.parse would give the value, not the spacing or key order it came in.

const WS = new Set([" ", "\t", "\n", "\r"]);

/**
 * For JSON text holding an object or an array of objects, the text of member
 * `key` of each object, in order (undefined where an object lacks it). Only
 * for text JSON.parse has already accepted.
 */
export function memberTexts(text: string, key: string): (string | undefined)[] {
  let i = skipWs(text, 0);
  if (text[i] === "{") return [memberOf(text, i, key)];
  if (text[i] !== "[") return [];
  const out: (string | undefined)[] = [];
  i = skipWs(text, i + 1);
  while (i < text.length && text[i] !== "]") {
    out.push(text[i] === "{" ? memberOf(text, i, key) : undefined);
    i = skipWs(text, skipValue(text, i));
    if (text[i] === ",") i = skipWs(text, i + 1);
  }
  return out;
}

function memberOf(text: string, start: number, key: string): string | undefined {
  let i = skipWs(text, start + 1);
  let found: string | undefined;
  while (i < text.length && text[i] !== "}") {
    const keyEnd = skipValue(text, i);
    const name = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipWs(text, skipWs(text, keyEnd) + 1); // past the colon
    const end = skipValue(text, i);
    if (name === key) found = text.slice(i, end); // the last duplicate wins, as in JSON.parse
    i = skipWs(text, end);
    if (text[i] === ",") i = skipWs(text, i + 1);
  }
  return found;
}

function skipWs(text: string, i: number): number {
  while (WS.has(text[i])) i++;
  return i;
}

/** The index just past the JSON value that starts at `i`. */
function skipValue(text: string, i: number): number {
  const ch = text[i];
  if (ch === '"') {
    for (let j = i + 1; j < text.length; j++) {
      if (text[j] === "\\") j++;
      else if (text[j] === '"') return j + 1;
    }
    return text.length;
  }
  if (ch === "{" || ch === "[") {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const c = text[j];
      if (c === '"') j = skipValue(text, j) - 1;
      else if (c === "{" || c === "[") depth++;
      else if ((c === "}" || c === "]") && --depth === 0) return j + 1;
    }
    return text.length;
  }
  let j = i;
  while (j < text.length && !WS.has(text[j]) && text[j] !== "," && text[j] !== "}" && text[j] !== "]") j++;
  return j;
}
