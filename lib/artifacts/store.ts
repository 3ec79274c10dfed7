import { createHash, type Hash } from "node:crypto";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ArtifactKind, Db } from "../db/client";
import { PermanentError } from "../db/errors";
import { deleteObject, objectKey, objectStore, ObjectSink, readObject, type ObjectStore } from "./s3";
import { ArtifactMissing, type ArtifactSink } from "./sink";

// Artifacts are files every studio process reaches, on whatever machine it
// runs: uploads waiting for their import run and the files of dataset
// versions. Their bytes live in PostgreSQL as ~1 MiB chunks, or in an S3
// bucket when STUDIO_S3_BUCKET is set (./s3.ts); either way they are written
// and read a part at a time, so a file of any size passes through with
// bounded memory. An artifact is readable once its writer finished
// (`completedAt`); its row says where its bytes are (`objectKey`).

/** Bytes per stored chunk: large enough to keep round trips few, small enough to hold one in memory. */
export const CHUNK_BYTES = 1024 * 1024;

export { ArtifactMissing };
export type ArtifactMeta = { kind: ArtifactKind; name: string; datasetId?: string };
export type ArtifactInfo = { id: string; kind: ArtifactKind; name: string; bytes: number; sha256: string };

/** Chunk rows in PostgreSQL; they go with their Artifact row. */
class ChunkSink implements ArtifactSink {
  readonly partBytes = CHUNK_BYTES;
  private seq = 0;
  constructor(
    private db: Db,
    private id: string,
  ) {}
  async put(part: Buffer) {
    await this.db.artifactChunk.create({ data: { artifactId: this.id, seq: this.seq++, data: new Uint8Array(part) } });
  }
  async finish() {}
  async abort() {}
}

/** A Writable that stores what is written into a new artifact; it is complete once the stream finishes. */
export class ArtifactWriter extends Writable {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private total = 0;
  private hash: Hash = createHash("sha256");

  constructor(
    private db: Db,
    readonly id: string,
    private sink: ArtifactSink,
  ) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (e?: Error | null) => void) {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    this.total += chunk.length;
    this.hash.update(chunk);
    if (this.pendingBytes < this.sink.partBytes) return done();
    this.flush(false).then(() => done(), done);
  }

  override _final(done: (e?: Error | null) => void) {
    this.flush(true)
      .then(() => this.sink.finish())
      .then(() => this.db.artifact.update({ where: { id: this.id }, data: { bytes: this.total, sha256: this.hash.digest("hex"), completedAt: new Date() } }))
      .then(() => done(), done);
  }

  override _destroy(error: Error | null, done: (e?: Error | null) => void) {
    if (!error && this.writableFinished) return done(null);
    this.sink.abort().then(
      () => done(error),
      () => done(error),
    );
  }

  /** Stores every whole part held (and the rest too when `all`). */
  private async flush(all: boolean) {
    const size = this.sink.partBytes;
    let held = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes);
    while (held.length >= size || (all && held.length > 0)) {
      const piece = held.subarray(0, size);
      held = held.subarray(piece.length);
      await this.sink.put(piece, all && held.length === 0);
    }
    this.pending = held.length ? [held] : [];
    this.pendingBytes = held.length;
  }
}

/** A new, empty artifact and the stream that fills it. */
export async function createArtifact(db: Db, meta: ArtifactMeta): Promise<ArtifactWriter> {
  const store = await objectStore();
  const row = await db.artifact.create({ data: { kind: meta.kind, name: meta.name, datasetId: meta.datasetId ?? null }, select: { id: true } });
  if (!store) return new ArtifactWriter(db, row.id, new ChunkSink(db, row.id));
  const key = objectKey(store, row.id);
  await db.artifact.update({ where: { id: row.id }, data: { objectKey: key } });
  return new ArtifactWriter(db, row.id, new ObjectSink(store, key));
}

/** Stores `source` whole as a new artifact; nothing is left behind when it fails. */
export async function putArtifact(
  db: Db,
  meta: ArtifactMeta,
  source: Readable | Iterable<Uint8Array | string> | AsyncIterable<Uint8Array | string>,
): Promise<ArtifactInfo> {
  const writer = await createArtifact(db, meta);
  try {
    await pipeline(source, writer);
  } catch (e) {
    await deleteArtifact(db, writer.id).catch(() => {});
    throw e;
  }
  return artifactInfo(db, writer.id);
}

/** A whole artifact's name, size and digest. */
export async function artifactInfo(db: Db, id: string): Promise<ArtifactInfo> {
  const { objectKey: _, ...info } = await storedArtifact(db, id);
  return info;
}

async function storedArtifact(db: Db, id: string): Promise<ArtifactInfo & { objectKey: string | null }> {
  const a = await db.artifact.findUnique({ where: { id } });
  if (!a?.completedAt || a.sha256 === null) throw new ArtifactMissing(`artifact ${id} is not stored`);
  return { id: a.id, kind: a.kind, name: a.name, bytes: Number(a.bytes), sha256: a.sha256, objectKey: a.objectKey };
}

/** The bucket an artifact's object is in: the configured one (an object stored while it was set needs it still). */
async function bucketOf(id: string, key: string): Promise<ObjectStore> {
  const store = await objectStore();
  if (!store) throw new PermanentError(`artifact ${id} is the S3 object ${key}, but no bucket is configured: set STUDIO_S3_BUCKET (and its endpoint and keys)`);
  return store;
}

/**
 * The bytes of a whole artifact as a stream, read one chunk at a time as the
 * reader takes them. A chunk gone missing meanwhile (the artifact was deleted)
 * fails the stream rather than ending it short.
 */
export async function readArtifact(db: Db, id: string): Promise<Readable> {
  const info = await storedArtifact(db, id);
  if (info.objectKey) return readObject(await bucketOf(id, info.objectKey), info.objectKey, info.bytes);
  async function* chunks() {
    let read = 0;
    for (let seq = 0; read < info.bytes; seq++) {
      const row = await db.artifactChunk.findUnique({ where: { artifactId_seq: { artifactId: id, seq } }, select: { data: true } });
      if (!row) throw new ArtifactMissing(`artifact ${id} lost its chunk ${seq}`);
      read += row.data.length;
      yield Buffer.from(row.data.buffer, row.data.byteOffset, row.data.length);
    }
  }
  return Readable.from(chunks(), { objectMode: false, highWaterMark: CHUNK_BYTES });
}

/** Removes an artifact and its bytes; removing one that is gone is not an error. */
export async function deleteArtifact(db: Db, id: string): Promise<void> {
  const row = await db.artifact.findUnique({ where: { id }, select: { objectKey: true } });
  await db.artifact.deleteMany({ where: { id } });
  if (row?.objectKey) await deleteObject(await bucketOf(id, row.objectKey), row.objectKey);
}
