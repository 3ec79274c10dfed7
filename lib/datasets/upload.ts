import { createWriteStream } from "node:fs";
import { chmod, mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { dataDir, IMPORTS_DIR } from "./paths";

export const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

export class UploadTooLarge extends Error {}

/**
 * Streams an uploaded trajectory file into imports/ in the data folder and
 * returns its path relative to that folder (what the import stage takes).
 * Nothing is held in memory; an upload over the limit is removed.
 */
export async function saveUpload(body: ReadableStream<Uint8Array>, fileName: string, root = dataDir(), maxBytes = MAX_UPLOAD_BYTES): Promise<string> {
  const safe = path.basename(fileName).replace(/[^\w.-]+/g, "_").slice(-100) || "upload.jsonl";
  const rel = path.join(IMPORTS_DIR, `${Date.now()}-${safe}`);
  const full = path.join(root, rel);
  // uploads are other people's data: only the studio's user reads them
  await mkdir(path.dirname(full), { recursive: true, mode: 0o700 });
  await chmod(path.dirname(full), 0o700);
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      done(size > maxBytes ? new UploadTooLarge(`The file is larger than ${Math.round(maxBytes / 1024 ** 2)} MB`) : null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as WebReadableStream<Uint8Array>), limit, createWriteStream(full, { mode: 0o600 }));
  } catch (e) {
    await rm(full, { force: true });
    throw e;
  }
  return rel;
}
