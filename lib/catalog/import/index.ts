import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Normalization, ToolSpec } from "../spec";
import { MAX_DEPTH } from "../../datasets/import/json-line";
import { decodeToolFile } from "./decode-utf8";
import { normalizeEntry } from "./normalize-entry";
import { parseDocuments, type FileError } from "./parse-text";
import { extractEntries, type Location, type RawEntry } from "./shapes";
import { uniqueNames } from "./unique-names";

export type { FileError } from "./parse-text";
export type { Location } from "./shapes";
export { describeLocation } from "./shapes";

export type ImportedTool = { spec: ToolSpec; normalizations: Normalization[]; location: Location; server?: string };
export type RejectedEntry = { location: Location; name?: string; reason: string };
export type ImportResult = {
  /** files read, relative to the imported path */
  files: string[];
  tools: ImportedTool[];
  rejected: RejectedEntry[];
  /** files or lines that could not be read at all */
  errors: FileError[];
};

const TOOL_FILE = /\.(json|jsonl|ndjson)$/i;

/**
 * Whether a parsed value nests deeper than `max`, found without recursion:
 * an MCP server's answer arrives already parsed (JSON.parse does not recurse),
 * but the normalizers after it do, and 100 000 levels would overflow them.
 */
export function nestedDeeper(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== "object") continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
  }
  return false;
}

/** Normalizes raw entries (from files or an MCP server) and keeps names unique. */
export function normalizeEntries(entries: RawEntry[]): { tools: ImportedTool[]; rejected: RejectedEntry[] } {
  const candidates: ImportedTool[] = [];
  const rejected: RejectedEntry[] = [];
  for (const entry of entries) {
    if (nestedDeeper(entry.value, MAX_DEPTH)) {
      const name = (entry.value as { name?: unknown }).name;
      rejected.push({
        location: entry.location,
        ...(typeof name === "string" ? { name: name.slice(0, 100) } : {}),
        reason: `the definition is nested deeper than ${MAX_DEPTH} levels`,
      });
      continue;
    }
    if (entry.reason) {
      rejected.push({ location: entry.location, reason: entry.reason });
      continue;
    }
    const result = normalizeEntry(entry.value);
    if (result.ok)
      candidates.push({
        spec: result.spec,
        normalizations: result.normalizations,
        location: entry.location,
        ...(entry.server ? { server: entry.server } : {}),
      });
    else rejected.push({ location: entry.location, ...(result.name ? { name: result.name } : {}), reason: result.reason });
  }
  const { kept, duplicates } = uniqueNames(candidates);
  return { tools: kept, rejected: [...rejected, ...duplicates] };
}

function readTexts(texts: { file: string; text: string | Uint8Array }[]): ImportResult {
  const entries: RawEntry[] = [];
  const errors: FileError[] = [];
  for (const { file, text: content } of texts) {
    const decoded = typeof content === "string" ? { text: content } : decodeToolFile(content, file);
    if ("error" in decoded) {
      errors.push(decoded.error);
      continue;
    }
    const parsed = parseDocuments(decoded.text, file);
    // loops, not push(...list): spreading 200 000 entries as arguments overflows the stack
    for (const e of parsed.errors) errors.push(e);
    let inFile = 0;
    for (const doc of parsed.docs) {
      const found = extractEntries(doc, file, inFile);
      inFile += found.length;
      if (!found.length)
        errors.push({ file, ...(doc.line ? { line: doc.line } : {}), message: `${doc.line ? `line ${doc.line}` : "the file"} holds no tool definitions` });
      for (const e of found) entries.push(e);
    }
  }
  return { files: texts.map((t) => t.file), ...normalizeEntries(entries), errors };
}

/**
 * Imports the tools in one file; `file` names it in locations and picks JSON
 * vs JSONL. Bytes are decoded as strict UTF-8: a file that is not is refused.
 */
export function importText(text: string | Uint8Array, file: string): ImportResult {
  return readTexts([{ file, text }]);
}

async function toolFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string) => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith(".") || e.name === "node_modules") continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile() && TOOL_FILE.test(e.name)) found.push(full);
    }
  };
  await walk(root);
  return found;
}

/** Files are read whole: past this size one is refused rather than risk the worker's heap. */
export const MAX_TOOL_FILE_BYTES = 100 * 1024 * 1024;

const tooLarge = (file: string, bytes: number): FileError => ({
  file,
  message: `the file is ${Math.round(bytes / 1024 / 1024)} MB: tool files over ${MAX_TOOL_FILE_BYTES / 1024 / 1024} MB are not read`,
});

/** Imports a tool file, or every .json/.jsonl/.ndjson file under a folder. */
export async function importPath(target: string): Promise<ImportResult> {
  const info = await stat(target);
  if (!info.isDirectory()) {
    if (info.size > MAX_TOOL_FILE_BYTES)
      return { files: [path.basename(target)], tools: [], rejected: [], errors: [tooLarge(path.basename(target), info.size)] };
    return readTexts([{ file: path.basename(target), text: await readFile(target) }]);
  }
  const all = await Promise.all((await toolFiles(target)).map(async (f) => ({ f, size: (await stat(f)).size })));
  const files = all.filter((x) => x.size <= MAX_TOOL_FILE_BYTES).map((x) => x.f);
  const texts = await Promise.all(files.map(async (f) => ({ file: path.relative(target, f), text: await readFile(f) })));
  const result = readTexts(texts);
  for (const x of all) if (x.size > MAX_TOOL_FILE_BYTES) result.errors.push(tooLarge(path.relative(target, x.f), x.size));
  if (!all.length) result.errors.push({ file: path.basename(target), message: "the folder holds no .json, .jsonl or .ndjson files" });
  return result;
}
