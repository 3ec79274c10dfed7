import type { FileError } from "./parse-text";

// Tool files are read as strict UTF-8: a lenient decoder would store every
// bad byte as U+FFFD, silently changing names and descriptions. A file that is
// not UTF-8 (often Latin-1 or UTF-16 saved by an editor) is refused whole,
// naming where the first bad byte is.

const fatal = new TextDecoder("utf-8", { fatal: true });

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const cont = (i: number, lo = 0x80, hi = 0xbf) => i < bytes.length && bytes[i] >= lo && bytes[i] <= hi;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    let len = 0;
    if (b < 0x80) len = 1;
    else if (b >= 0xc2 && b <= 0xdf) len = cont(i + 1) ? 2 : 0;
    else if (b === 0xe0) len = cont(i + 1, 0xa0) && cont(i + 2) ? 3 : 0;
    else if (b === 0xed)
      len = cont(i + 1, 0x80, 0x9f) && cont(i + 2) ? 3 : 0; // not a UTF-16 surrogate
    else if (b >= 0xe1 && b <= 0xef) len = cont(i + 1) && cont(i + 2) ? 3 : 0;
    else if (b === 0xf0) len = cont(i + 1, 0x90) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    else if (b >= 0xf1 && b <= 0xf3) len = cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    else if (b === 0xf4) len = cont(i + 1, 0x80, 0x8f) && cont(i + 2) && cont(i + 3) ? 4 : 0; // at most U+10FFFF
    if (!len) return i;
    i += len;
  }
  return -1;
}

export function decodeToolFile(bytes: Uint8Array, file: string): { text: string } | { error: FileError } {
  try {
    return { text: fatal.decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
    return {
      error: { file, line, message: `the file is not valid UTF-8 (first bad byte at offset ${offset}, line ${line}): save it as UTF-8 and import it again` },
    };
  }
}
