import { RecordError } from "../formats/errors";

export const MAX_DEPTH = 64;

/** One line's JSON object, refused before parsing when nested absurdly deep. */
export function parseJsonLine(text: string, maxDepth = MAX_DEPTH): Record<string, unknown> {
  if (nestingExceeds(text, maxDepth)) throw new RecordError(`JSON is nested deeper than ${maxDepth} levels`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new RecordError(`not JSON: ${(e as Error).message}`);
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new RecordError("a line must hold one JSON object");
  return value as Record<string, unknown>;
}

// A linear scan of brackets outside strings: no recursion, so a line of a
// million "[" costs a scan, not a stack overflow.
export function nestingExceeds(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
