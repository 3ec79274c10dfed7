/** A JSON value cut out of a whole JSON document, with where it sits. */
export type JsonPiece =
  | { kind: "value"; path: (string | number)[]; bytes: Buffer }
  | { kind: "oversized"; path: (string | number)[] }
  | { kind: "arrayOpen"; key: string }
  | { kind: "arrayClose"; key: string }
  | { kind: "malformed"; message: string };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
const isOpen = (b: number) => b === 0x7b || b === 0x5b;
const isClose = (b: number) => b === 0x7d || b === 0x5d;

type Frame = { close: number; index: number; key: string | null; expectKey: boolean };

/**
 * Cuts a whole JSON document into the values a trajectory file keeps its
 * records in, without holding the document: the elements of a top-level
 * array (path [i]); for a top-level object, each member's value (path [key]),
 * except an array member, whose elements come one by one (path [key, i])
 * between arrayOpen and arrayClose. Each value arrives as its exact bytes for
 * JSON.parse; one larger than maxValueBytes is reported, not held.
 *
 * Only brackets, quotes and separators are tracked (every one is ASCII, and
 * UTF-8 never uses ASCII bytes inside a multi-byte character), so a value's
 * own syntax errors surface when it is parsed, record by record.
 */
export async function* splitJsonDocument(source: AsyncIterable<Buffer | string>, maxValueBytes: number): AsyncGenerator<JsonPiece> {
  const stack: Frame[] = [];
  let inString = false;
  let escaped = false;
  let capture: { path: (string | number)[]; depth: number; parts: Buffer[]; size: number; oversized: boolean; scalar: boolean } | null = null;
  let keyBytes: number[] | null = null;
  let started = false;
  let offset = 0;

  const capturing = (): boolean => {
    // a value is cut out where its parent is the top array, the top object, or an array member of the top object
    if (stack.length === 1) return true;
    return stack.length === 2 && stack[0].close === 0x7d && stack[1].close === 0x5d;
  };
  const pathOf = (): (string | number)[] => {
    const top = stack[stack.length - 1];
    if (stack.length === 1) return [top.close === 0x5d ? top.index : top.key!];
    return [stack[0].key!, top.index];
  };
  const append = (buf: Buffer, from: number, to: number) => {
    if (!capture || capture.oversized || to <= from) return;
    if (capture.size + (to - from) > maxValueBytes) {
      capture.oversized = true;
      capture.parts = [];
      return;
    }
    capture.parts.push(buf.subarray(from, to));
    capture.size += to - from;
  };
  const finishCapture = (): JsonPiece | null => {
    if (!capture) return null;
    const c = capture;
    capture = null;
    return c.oversized ? { kind: "oversized", path: c.path } : { kind: "value", path: c.path, bytes: Buffer.concat(c.parts, c.size) };
  };

  for await (const chunk of source) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    let from = 0; // start of the part of buf that belongs to the value being captured
    for (let i = 0; i < buf.length; i++, offset++) {
      const b = buf[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (b === BACKSLASH) escaped = true;
        else if (b === QUOTE) {
          inString = false;
          if (capture?.scalar && capture.depth === stack.length) {
            append(buf, from, i + 1);
            const piece = finishCapture();
            if (piece) yield piece;
          }
        }
        if (keyBytes && inString) keyBytes.push(b);
        continue;
      }
      if (capture?.scalar && (isSpace(b) || b === 0x2c || isClose(b))) {
        // the end of a number, true, false or null
        append(buf, from, i);
        const piece = finishCapture();
        if (piece) yield piece;
      }
      if (isSpace(b)) continue;
      const top = stack[stack.length - 1];
      if (!started) {
        started = true;
        if (!isOpen(b)) {
          yield { kind: "malformed", message: "a JSON file must hold an array or an object" };
          return;
        }
        stack.push({ close: b === 0x5b ? 0x5d : 0x7d, index: 0, key: null, expectKey: b === 0x7b });
        continue;
      }
      if (!top) {
        yield { kind: "malformed", message: `unexpected content after the end of the JSON document (byte ${offset})` };
        return;
      }
      if (top.expectKey && stack.length === 1) {
        // the top object's member names are read; everything deeper is only counted
        if (b === QUOTE) {
          inString = true;
          keyBytes = [];
          continue;
        }
        if (b === 0x3a) {
          top.key = keyBytes ? (JSON.parse(`"${Buffer.from(keyBytes).toString("utf8")}"`) as string) : null;
          keyBytes = null;
          top.expectKey = false;
          continue;
        }
        if (b === 0x2c) continue;
      }
      if (b === 0x2c) {
        if (stack.length === 1 && top.close === 0x7d) top.expectKey = true;
        else if (top.close === 0x5d) top.index++;
        continue;
      }
      if (isClose(b)) {
        if (b !== top.close) {
          yield { kind: "malformed", message: `mismatched bracket at byte ${offset}` };
          return;
        }
        if (capture && !capture.scalar && capture.depth + 1 === stack.length) {
          append(buf, from, i + 1);
          const piece = finishCapture();
          if (piece) yield piece;
        }
        stack.pop();
        if (stack.length === 1 && stack[0].close === 0x7d && b === 0x5d) yield { kind: "arrayClose", key: stack[0].key! };
        continue;
      }
      if (b === 0x3a) continue;
      // the first byte of a value
      if (!capture && capturing()) {
        const arrayMember = stack.length === 1 && top.close === 0x7d && b === 0x5b;
        if (!arrayMember) {
          capture = { path: pathOf(), depth: stack.length, parts: [], size: 0, oversized: false, scalar: !isOpen(b) };
          from = i;
        }
      }
      if (isOpen(b)) {
        if (stack.length === 1 && top.close === 0x7d && b === 0x5b) yield { kind: "arrayOpen", key: top.key! };
        stack.push({ close: b === 0x5b ? 0x5d : 0x7d, index: 0, key: null, expectKey: b === 0x7b });
        continue;
      }
      if (b === QUOTE) inString = true;
    }
    if (capture) append(buf, from, buf.length);
  }
  if (capture?.scalar && stack.length) {
    const piece = finishCapture();
    if (piece) yield piece;
  }
  if (stack.length || inString) yield { kind: "malformed", message: "the file ends before its JSON document does (is it cut short?)" };
}
