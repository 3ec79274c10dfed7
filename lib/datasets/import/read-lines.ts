export const MAX_LINE_BYTES = 10 * 1024 * 1024;

export type Line = { lineNo: number; text: string } | { lineNo: number; error: string };

const NEWLINE = 0x0a;

/**
 * The non-blank lines of a byte stream, decoded as strict UTF-8, one at a time.
 * Not node:readline: it holds a whole line however long before handing it over
 * and silently turns invalid UTF-8 into U+FFFD, so it can neither refuse a
 * 2 GB line without holding it nor say which line was not UTF-8.
 */
export async function* readLines(source: AsyncIterable<Buffer | string>, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<Line> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let parts: Buffer[] = [];
  let size = 0;
  let oversized = false;
  let lineNo = 0;

  const finish = (): Line | null => {
    lineNo++;
    const bytes = parts.length === 1 ? parts[0] : Buffer.concat(parts, size);
    const wasOversized = oversized;
    parts = [];
    size = 0;
    oversized = false;
    if (wasOversized) return { lineNo, error: `line is longer than ${Math.round(maxLineBytes / 1024 / 1024)} MB` };
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      return { lineNo, error: "line is not valid UTF-8" };
    }
    return text.trim() === "" ? null : { lineNo, text };
  };

  const take = (piece: Buffer) => {
    if (oversized) return;
    if (size + piece.length > maxLineBytes) {
      oversized = true;
      parts = [];
      size = 0;
      return;
    }
    if (piece.length) {
      parts.push(piece);
      size += piece.length;
    }
  };

  for await (const chunk of source) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    let from = 0;
    for (let at = buf.indexOf(NEWLINE, from); at >= 0; at = buf.indexOf(NEWLINE, from)) {
      take(buf.subarray(from, at));
      from = at + 1;
      const line = finish();
      if (line) yield line;
    }
    take(buf.subarray(from));
  }
  if (size > 0 || oversized) {
    const line = finish();
    if (line) yield line;
  }
}

/** How many non-blank lines a byte stream holds, read once without keeping any. */
export async function countLines(source: AsyncIterable<Buffer | string>): Promise<number> {
  let count = 0;
  let blank = true;
  for await (const chunk of source) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    for (let i = 0; i < buf.length; i++) {
      const b = buf[i];
      if (b === NEWLINE) {
        if (!blank) count++;
        blank = true;
      } else if (blank && b !== 0x20 && b !== 0x09 && b !== 0x0d) blank = false;
    }
  }
  return blank ? count : count + 1;
}
