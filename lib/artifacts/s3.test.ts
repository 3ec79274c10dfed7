import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, S3Client } from "@aws-sdk/client-s3";
import { createHash, randomBytes } from "node:crypto";
import { buffer } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { startS3, type LocalS3 } from "../../test/s3";
import { objectStore, PART_BYTES, removeOrphanObjects } from "./s3";
import { artifactInfo, ArtifactMissing, createArtifact, deleteArtifact, putArtifact, readArtifact } from "./store";

// The artifact store with STUDIO_S3_* set, against a real S3-compatible
// server (s3rver) on a free port: the same calls as with PostgreSQL.

const PIECE = 256 * 1024;

describe("the artifact store in S3", () => {
  let t: TestDb;
  let s3: LocalS3;
  const sent = () => vi.mocked(S3Client.prototype.send).mock.calls.map(([c]) => c.constructor.name);
  const object = async (key: string) => (await objectStore())!.client.send(new GetObjectCommand({ Bucket: "studio", Key: key }));

  beforeAll(async () => {
    t = await createTestDb();
    s3 = await startS3();
    Object.assign(process.env, s3.env);
  });
  afterAll(async () => {
    for (const name of Object.keys(s3?.env ?? {})) delete process.env[name];
    await s3?.stop();
  });

  it("streams a file of several parts into one object as it arrives, records its digest, and gives back the same bytes", async () => {
    const file = randomBytes(2 * PART_BYTES + 54_321);
    const send = vi.spyOn(S3Client.prototype, "send");
    let partsWhileArriving = -1;
    async function* arriving() {
      for (let at = 0; at < file.length; at += PIECE) {
        // by the last part, the earlier ones are in the bucket, not held in memory
        if (at === 2 * PART_BYTES) partsWhileArriving = sent().filter((n) => n === "UploadPartCommand").length;
        yield file.subarray(at, at + PIECE);
      }
    }
    const info = await putArtifact(t.db, { kind: "upload", name: "big.jsonl" }, arriving());
    expect(partsWhileArriving).toBe(2);
    expect(sent().filter((n) => n.includes("Multipart"))).toEqual(["CreateMultipartUploadCommand", "CompleteMultipartUploadCommand"]);
    send.mockRestore();

    expect(info).toMatchObject({ kind: "upload", name: "big.jsonl", bytes: file.length, sha256: createHash("sha256").update(file).digest("hex") });
    const row = await t.db.artifact.findUniqueOrThrow({ where: { id: info.id } });
    expect(row.objectKey).toBe(`artifacts/${info.id}`);
    expect(await t.db.artifactChunk.count({ where: { artifactId: info.id } })).toBe(0);
    expect((await buffer(await readArtifact(t.db, info.id))).equals(file)).toBe(true);
  });

  it("a file smaller than a part and an empty file are single objects, read back byte for byte", async () => {
    const small = Buffer.from('{"messages":[{"role":"user","content":"héllo \\u0000"}]}\r\n', "utf8");
    const a = await putArtifact(t.db, { kind: "export", name: "small.jsonl" }, [small.subarray(0, 7), small.subarray(7)]);
    expect((await buffer(await readArtifact(t.db, a.id))).equals(small)).toBe(true);
    const empty = await putArtifact(t.db, { kind: "export", name: "empty.jsonl" }, []);
    expect(empty).toMatchObject({ bytes: 0, sha256: createHash("sha256").digest("hex") });
    expect((await buffer(await readArtifact(t.db, empty.id))).length).toBe(0);
  });

  it("deleting removes the object; a missing object or one cut short fails its reader", async () => {
    const info = await putArtifact(t.db, { kind: "export", name: "gone.jsonl" }, [randomBytes(1000)]);
    await deleteArtifact(t.db, info.id);
    await expect(object(`artifacts/${info.id}`)).rejects.toBeInstanceOf(NoSuchKey);
    await expect(readArtifact(t.db, info.id)).rejects.toBeInstanceOf(ArtifactMissing);
    await deleteArtifact(t.db, info.id); // again: not an error

    // removed from the bucket behind the studio's back
    const lost = await putArtifact(t.db, { kind: "export", name: "lost.jsonl" }, [randomBytes(1000)]);
    await (await objectStore())!.client.send(new DeleteObjectCommand({ Bucket: "studio", Key: `artifacts/${lost.id}` }));
    await expect(readArtifact(t.db, lost.id)).rejects.toBeInstanceOf(ArtifactMissing);

    // the row says more bytes than the object holds
    const short = await putArtifact(t.db, { kind: "export", name: "short.jsonl" }, [randomBytes(1000)]);
    await t.db.artifact.update({ where: { id: short.id }, data: { bytes: 2000 } });
    await expect(buffer(await readArtifact(t.db, short.id))).rejects.toBeInstanceOf(ArtifactMissing);
  });

  it("an artifact being written cannot be read, and a failed write leaves no row and no object", async () => {
    const writing = await createArtifact(t.db, { kind: "upload", name: "half.jsonl" });
    writing.write(randomBytes(10));
    await expect(readArtifact(t.db, writing.id)).rejects.toBeInstanceOf(ArtifactMissing);
    writing.destroy();

    const before = await t.db.artifact.count();
    async function* failing() {
      yield randomBytes(PART_BYTES + 10); // one part uploaded: the multipart upload is aborted
      throw new Error("the upload broke off");
    }
    const send = vi.spyOn(S3Client.prototype, "send");
    await expect(putArtifact(t.db, { kind: "upload", name: "broken.jsonl" }, failing())).rejects.toThrow("the upload broke off");
    expect(sent()).toContain("AbortMultipartUploadCommand");
    send.mockRestore();
    expect(await t.db.artifact.count()).toBe(before);
    await expect(artifactInfo(t.db, "no-such-artifact")).rejects.toBeInstanceOf(ArtifactMissing);
  });

  it("objects whose rows went with their dataset are swept; the others stay", async () => {
    const dataset = await t.db.dataset.create({ data: { name: "swept", version: 1, format: "openai" } });
    const owned = await putArtifact(t.db, { kind: "export", name: "train.jsonl", datasetId: dataset.id }, [randomBytes(100)]);
    const kept = await putArtifact(t.db, { kind: "upload", name: "kept.jsonl" }, [randomBytes(100)]);
    await t.db.dataset.delete({ where: { id: dataset.id } });
    expect(await removeOrphanObjects(t.db)).toEqual([`artifacts/${owned.id}`]);
    await expect(object(`artifacts/${owned.id}`)).rejects.toBeInstanceOf(NoSuchKey);
    expect((await buffer(await readArtifact(t.db, kept.id))).length).toBe(100);
  });

  it("files stored in PostgreSQL before the bucket was configured stay readable", async () => {
    const bucket = process.env.STUDIO_S3_BUCKET;
    delete process.env.STUDIO_S3_BUCKET;
    const file = randomBytes(3000);
    const before = await putArtifact(t.db, { kind: "upload", name: "older.jsonl" }, [file]);
    process.env.STUDIO_S3_BUCKET = bucket;
    expect(await t.db.artifactChunk.count({ where: { artifactId: before.id } })).toBe(1);
    expect((await buffer(await readArtifact(t.db, before.id))).equals(file)).toBe(true);
    await deleteArtifact(t.db, before.id);
    expect(await t.db.artifactChunk.count({ where: { artifactId: before.id } })).toBe(0);
  });
});
