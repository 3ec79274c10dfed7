import { RecordError } from "../formats/errors";
import { detectDialect } from "./detect";
import { MAX_DEPTH, nestingExceeds } from "./json-line";
import { MAX_LINE_BYTES, readLines } from "./read-lines";
import { splitJsonDocument } from "./read-json";

/** One record of a file: `no` counts records from 1, `where` says where it is for the person who made the file. */
export type SourceRecord = { no: number; where: string } & ({ text: string } | { value: unknown } | { error: string });

/** A whole JSON document that is one trajectory (a SWE-agent `.traj`, an OpenHands event list) may be this large. */
export const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

/**
 * The records of a trajectory file, one at a time, whatever its layout:
 * JSON Lines (one record per line), a JSON array of records, an object holding
 * its records in an array member (τ²'s `simulations`, or any other key), or a
 * JSON document that is itself one trajectory. A file is JSON Lines when its
 * first line is a whole JSON value and more follows; otherwise it is one
 * JSON document, read as a stream so that its size does not matter.
 */
export async function* readRecords(source: AsyncIterable<Buffer | string>): AsyncGenerator<SourceRecord> {
  const input = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let size = 0;
  let done = false;
  const pull = async () => {
    const next = await input.next();
    if (next.done) done = true;
    else {
      const buf = typeof next.value === "string" ? Buffer.from(next.value) : next.value;
      head.push(buf);
      size += buf.length;
    }
  };
  // the first line (or the first 10 MB when it is longer)
  while (!done && !head.some((b) => b.includes(0x0a)) && size < MAX_LINE_BYTES) await pull();
  let bytes = Buffer.concat(head);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  const newline = bytes.indexOf(0x0a);
  const firstLine = (newline < 0 ? bytes : bytes.subarray(0, newline)).toString("utf8").trim();
  const container = firstLine.startsWith("[") || firstLine.startsWith("{");
  let document = container && !isWholeValue(firstLine);
  if (!document && container) {
    // one whole array or object on the first line: a document when nothing follows it
    let rest = newline < 0 ? Buffer.alloc(0) : bytes.subarray(newline + 1);
    while (!done && rest.toString("utf8").trim() === "") {
      const before = head.length;
      await pull();
      if (head.length > before) rest = Buffer.concat([rest, head[head.length - 1]]);
    }
    if (rest.toString("utf8").trim() === "") document = true;
    bytes = Buffer.concat([bytes.subarray(0, newline < 0 ? bytes.length : newline + 1), rest]);
  }
  async function* replay() {
    yield bytes;
    if (done) return;
    for (let next = await input.next(); !next.done; next = await input.next()) yield next.value;
  }
  if (!document) {
    for await (const line of readLines(replay())) {
      const where = `line ${line.lineNo}`;
      yield "error" in line ? { no: line.lineNo, where, error: line.error } : { no: line.lineNo, where, text: line.text };
    }
    return;
  }
  yield* readDocument(replay());
}

function isWholeValue(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

async function* readDocument(source: AsyncIterable<Buffer | string>): AsyncGenerator<SourceRecord> {
  let no = 0;
  // the members of a top-level object, kept in case the object is itself one trajectory
  const whole: Record<string, unknown> = {};
  let wholeBytes = 0;
  let topRecords: boolean | null = null; // whether a top-level array holds records or is one trajectory
  const topItems: unknown[] = [];
  let containers = 0;
  let member: { key: string; records: boolean | null; items: unknown[] } | null = null;

  const keep = (bytes: number) => {
    wholeBytes += bytes;
    if (wholeBytes > MAX_DOCUMENT_BYTES) throw new RecordError(`the file is one trajectory larger than ${MAX_DOCUMENT_BYTES / 2 ** 20} MB`);
  };

  try {
    for await (const piece of splitJsonDocument(source, MAX_LINE_BYTES)) {
      if (piece.kind === "malformed") {
        yield { no: no + 1, where: "the file", error: `not JSON: ${piece.message}` };
        return;
      }
      if (piece.kind === "arrayOpen") {
        member = { key: piece.key, records: null, items: [] };
        continue;
      }
      if (piece.kind === "arrayClose") {
        if (member && !member.records) whole[member.key] = member.items;
        member = null;
        continue;
      }
      const [first, index] = piece.path;
      const where = typeof first === "number" ? `item ${first}` : typeof index === "number" ? `${first}[${index}]` : `the file's "${first}"`;
      if (piece.kind === "oversized") {
        if (typeof first === "string" && index === undefined) throw new RecordError(`${where} is longer than ${MAX_LINE_BYTES / 2 ** 20} MB`);
        if (member?.records === false || topRecords === false) throw new RecordError(`${where} is longer than ${MAX_LINE_BYTES / 2 ** 20} MB`);
        yield { no: ++no, where, error: `record is longer than ${MAX_LINE_BYTES / 2 ** 20} MB` };
        continue;
      }
      const text = piece.bytes.toString("utf8");
      if (typeof first === "string" && index === undefined) {
        keep(piece.bytes.length);
        whole[first] = parseValue(text);
        continue;
      }
      // an element of the top array or of an array member
      let records: boolean | null = member ? member.records : topRecords;
      if (records === null) {
        // the first element says whether this array holds records or the parts of one record
        let value: unknown = undefined;
        try {
          value = JSON.parse(text);
        } catch {
          // an unreadable first element: read as a record so its error is reported where it is
        }
        records = value === undefined || !value || typeof value !== "object" || detectDialect(value) !== null;
        if (member) member.records = records;
        else topRecords = records;
        if (records) containers++;
      }
      if (records) {
        yield { no: ++no, where, text };
        continue;
      }
      keep(piece.bytes.length);
      (member ? member.items : topItems).push(parseValue(text));
    }
  } catch (e) {
    if (!(e instanceof RecordError) && !(e instanceof SyntaxError)) throw e;
    yield { no: no + 1, where: "the file", error: e.message };
    return;
  }
  if (topRecords === false) yield { no: 1, where: "the file", value: topItems };
  else if (containers === 0 && Object.keys(whole).length) yield { no: 1, where: "the file", value: whole };
}

function parseValue(text: string): unknown {
  if (nestingExceeds(text, MAX_DEPTH)) throw new RecordError(`JSON is nested deeper than ${MAX_DEPTH} levels`);
  return JSON.parse(text);
}
