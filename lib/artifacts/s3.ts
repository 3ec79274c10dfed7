import type { CompletedPart, S3Client } from "@aws-sdk/client-s3";
import { Readable } from "node:stream";
import type { Db } from "../db/client";
import { s3Config, type S3Config } from "../env";
import { ArtifactMissing, type ArtifactSink } from "./sink";

// Artifacts' bytes as objects in an S3 bucket (STUDIO_S3_*), one object per
// artifact, written as a multipart upload of 8 MiB parts as the stream
// arrives and read back as the object's own stream: memory stays at a part
// or two whatever the file's size. The Artifact row in PostgreSQL keeps the
// name, size, digest and the object's key.

/** Bytes per uploaded part: S3 wants at least 5 MiB in every part but the last. */
export const PART_BYTES = 8 * 1024 * 1024;

type Sdk = typeof import("@aws-sdk/client-s3");
export type ObjectStore = { sdk: Sdk; client: S3Client; bucket: string; prefix: string };

const clients = new Map<string, ObjectStore>();

/** The configured bucket, or undefined when artifacts live in PostgreSQL (the SDK is loaded only when one is). */
export async function objectStore(): Promise<ObjectStore | undefined> {
  const config = s3Config();
  if (!config) return undefined;
  const id = JSON.stringify(config);
  let store = clients.get(id);
  if (!store) {
    const sdk = await import("@aws-sdk/client-s3");
    store = { sdk, client: s3Client(sdk, config), bucket: config.bucket, prefix: config.prefix };
    clients.set(id, store);
  }
  return store;
}

function s3Client(sdk: Sdk, c: S3Config): S3Client {
  return new sdk.S3Client({
    region: c.region,
    ...(c.endpoint ? { endpoint: c.endpoint, forcePathStyle: true } : {}),
    ...(c.credentials ? { credentials: c.credentials } : {}),
    // S3-compatible servers do not all know the newer checksum headers; the studio records its own SHA-256
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

const KEYS = "artifacts/";
export const objectKey = (store: ObjectStore, artifactId: string) => `${store.prefix}${KEYS}${artifactId}`;

/** Uploads parts as they come: one PutObject for a file of one part, a multipart upload otherwise. */
export class ObjectSink implements ArtifactSink {
  readonly partBytes = PART_BYTES;
  private uploadId: string | undefined;
  private parts: CompletedPart[] = [];
  private stored = false;

  constructor(
    private store: ObjectStore,
    private key: string,
  ) {}

  async put(part: Buffer, last: boolean) {
    const { store } = this;
    const { client, bucket } = store;
    if (last && !this.uploadId) {
      await client.send(new store.sdk.PutObjectCommand({ Bucket: bucket, Key: this.key, Body: part, ContentLength: part.length }));
      this.stored = true;
      return;
    }
    this.uploadId ??= (await client.send(new store.sdk.CreateMultipartUploadCommand({ Bucket: bucket, Key: this.key }))).UploadId;
    const PartNumber = this.parts.length + 1;
    const { ETag } = await client.send(
      new store.sdk.UploadPartCommand({ Bucket: bucket, Key: this.key, UploadId: this.uploadId, PartNumber, Body: part, ContentLength: part.length }),
    );
    this.parts.push({ ETag, PartNumber });
  }

  async finish() {
    const { store } = this;
    const { client, bucket } = store;
    if (this.uploadId) {
      await client.send(
        new store.sdk.CompleteMultipartUploadCommand({ Bucket: bucket, Key: this.key, UploadId: this.uploadId, MultipartUpload: { Parts: this.parts } }),
      );
    } else if (!this.stored) {
      await client.send(new store.sdk.PutObjectCommand({ Bucket: bucket, Key: this.key, Body: Buffer.alloc(0), ContentLength: 0 }));
    }
  }

  async abort() {
    const { store } = this;
    if (this.uploadId)
      await store.client.send(new store.sdk.AbortMultipartUploadCommand({ Bucket: this.store.bucket, Key: this.key, UploadId: this.uploadId }));
  }
}

/** The object's bytes as a stream; one that ends before `bytes` fails rather than ending short. */
export async function readObject(store: ObjectStore, key: string, bytes: number): Promise<Readable> {
  let body: Readable;
  try {
    body = (await store.client.send(new store.sdk.GetObjectCommand({ Bucket: store.bucket, Key: key }))).Body as Readable;
  } catch (e) {
    if (e instanceof store.sdk.NoSuchKey) throw new ArtifactMissing(`object ${key} is not in bucket ${store.bucket}`);
    throw e;
  }
  async function* whole() {
    let read = 0;
    for await (const chunk of body) {
      read += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
    if (read !== bytes) throw new ArtifactMissing(`object ${key} ended after ${read} of ${bytes} bytes`);
  }
  return Readable.from(whole(), { objectMode: false });
}

export async function deleteObject(store: ObjectStore, key: string): Promise<void> {
  await store.client.send(new store.sdk.DeleteObjectCommand({ Bucket: store.bucket, Key: key }));
}

/**
 * Deletes the objects whose Artifact row is gone (a dataset's rows go with it
 * by cascade, which cannot reach the bucket). A row is made before its object
 * is written, so an object without one is never still being written.
 */
export async function removeOrphanObjects(db: Db): Promise<string[]> {
  const store = await objectStore();
  if (!store) return [];
  const removed: string[] = [];
  let ContinuationToken: string | undefined;
  do {
    const page = await store.client.send(new store.sdk.ListObjectsV2Command({ Bucket: store.bucket, Prefix: `${store.prefix}${KEYS}`, ContinuationToken }));
    const keys = (page.Contents ?? []).map((o) => o.Key!).filter(Boolean);
    const kept = new Set((await db.artifact.findMany({ where: { objectKey: { in: keys } }, select: { objectKey: true } })).map((a) => a.objectKey));
    for (const key of keys.filter((k) => !kept.has(k))) {
      await deleteObject(store, key);
      removed.push(key);
    }
    ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (ContinuationToken);
  return removed;
}
