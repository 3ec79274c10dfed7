import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { artifactInfo, createArtifact, deleteArtifact, type ArtifactInfo } from "../artifacts/store";
import type { Db } from "../db/client";

export const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

export class UploadTooLarge extends Error {}

/** The name an upload is known by: the file's own base name, without characters that need quoting. */
export function uploadName(fileName: string): string {
  return (
    path
      .basename(fileName)
      .replace(/[^\w.-]+/g, "_")
      .slice(-100) || "upload.jsonl"
  );
}

/**
 * Streams an uploaded trajectory file into the artifact store, where the
 * worker that runs its import reads it (see lib/artifacts). Nothing is held
 * in memory; an upload over the limit is not kept.
 */
export async function saveUpload(db: Db, body: ReadableStream<Uint8Array> | Readable, fileName: string, maxBytes = MAX_UPLOAD_BYTES): Promise<ArtifactInfo> {
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      done(size > maxBytes ? new UploadTooLarge(`The file is larger than ${Math.round(maxBytes / 1024 ** 2)} MB`) : null, chunk);
    },
  });
  const source = body instanceof Readable ? body : Readable.fromWeb(body as WebReadableStream<Uint8Array>);
  const writer = await createArtifact(db, { kind: "upload", name: uploadName(fileName) });
  try {
    await pipeline(source, limit, writer);
  } catch (e) {
    await deleteArtifact(db, writer.id).catch(() => {});
    throw e;
  }
  return artifactInfo(db, writer.id);
}
