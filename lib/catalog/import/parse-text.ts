import { MAX_DEPTH, nestingExceeds } from "../../datasets/import/json-line";

// Reads a tool file's text as one JSON document or as JSON Lines. A JSONL
// line that does not parse is reported with its number; the others are kept.
// JSON nested absurdly deep is refused before parsing: the readers after
// JSON.parse recurse, and 100 000 brackets would overflow their stack.

export type FileError = { file: string; line?: number; message: string };
export type Document = { value: unknown; line?: number };

const JSONL = /\.(jsonl|ndjson)$/i;

function lineOf(text: string, message: string): { line?: number; detail: string } {
  const lc = message.match(/line (\d+) column (\d+)/);
  if (lc) return { line: Number(lc[1]), detail: `column ${lc[2]}` };
  const pos = message.match(/position (\d+)/);
  if (pos) {
    const before = text.slice(0, Number(pos[1]));
    return { line: before.split("\n").length, detail: `column ${before.length - before.lastIndexOf("\n")}` };
  }
  return { detail: "" };
}

function shortReason(message: string): string {
  return message
    .replace(/\s*\(line \d+ column \d+\)/, "")
    .replace(/ in JSON at position \d+/, "")
    .replace(/, ".*" is not valid JSON$/s, "");
}

function parseLines(text: string, file: string): { docs: Document[]; errors: FileError[] } {
  const docs: Document[] = [];
  const errors: FileError[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("//")) return;
    if (nestingExceeds(line, MAX_DEPTH)) {
      errors.push({ file, line: i + 1, message: `line ${i + 1} is nested deeper than ${MAX_DEPTH} levels` });
      return;
    }
    try {
      docs.push({ value: JSON.parse(line), line: i + 1 });
    } catch (e) {
      const { detail } = lineOf(line, (e as Error).message);
      errors.push({ file, line: i + 1, message: `line ${i + 1} is not JSON${detail ? ` (${detail})` : ""}: ${shortReason((e as Error).message)}` });
    }
  });
  return { docs, errors };
}

/** Several lines that each parse alone: JSON Lines in a file named .json. */
function looksLikeJsonLines(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  if (lines.length < 2) return false;
  try {
    JSON.parse(lines[0]);
    return true;
  } catch {
    return false;
  }
}

export function parseDocuments(text: string, file: string): { docs: Document[]; errors: FileError[] } {
  const body = text.replace(/^\uFEFF/, "");
  if (JSONL.test(file)) return parseLines(body, file);
  if (!body.trim()) return { docs: [], errors: [{ file, message: "the file is empty" }] };
  if (nestingExceeds(body, MAX_DEPTH)) return { docs: [], errors: [{ file, message: `JSON is nested deeper than ${MAX_DEPTH} levels` }] };
  try {
    return { docs: [{ value: JSON.parse(body) }], errors: [] };
  } catch (e) {
    if (looksLikeJsonLines(body)) return parseLines(body, file);
    const message = (e as Error).message;
    const { line, detail } = lineOf(body, message);
    const where = line ? `line ${line}${detail ? `, ${detail}` : ""}` : "";
    return { docs: [], errors: [{ file, line, message: `not JSON${where ? ` at ${where}` : ""}: ${shortReason(message)}` }] };
  }
}
