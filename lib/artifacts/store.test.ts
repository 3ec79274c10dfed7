import { createHash, randomBytes } from "node:crypto";
import { buffer } from "node:stream/consumers";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { artifactInfo, ArtifactMissing, CHUNK_BYTES, createArtifact, deleteArtifact, putArtifact, readArtifact } from "./store";

const PIECE = 64 * 1024;

describe("the artifact store", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  it("stores a file of several MiB in 1 MiB chunks as it arrives and gives back the same bytes", async () => {
    const file = randomBytes(5 * CHUNK_BYTES + 12_345);
    let storedWhileArriving = -1;
    const db = t.db;
    async function* arriving() {
      for (let at = 0; at < file.length; at += PIECE) {
        // by the last MiB, earlier ones are in the database, not held in memory
        if (at === 4 * CHUNK_BYTES) storedWhileArriving = await db.artifactChunk.count();
        yield file.subarray(at, at + PIECE);
      }
    }
    const info = await putArtifact(db, { kind: "upload", name: "big.jsonl" }, arriving());
    expect(storedWhileArriving).toBeGreaterThanOrEqual(1);
    expect(info).toMatchObject({ kind: "upload", name: "big.jsonl", bytes: file.length, sha256: createHash("sha256").update(file).digest("hex") });
    const chunks = await db.artifactChunk.findMany({ where: { artifactId: info.id }, orderBy: { seq: "asc" }, select: { seq: true, data: true } });
    expect(chunks.map((c) => [c.seq, c.data.length])).toEqual([0, 1, 2, 3, 4, 5].map((seq) => [seq, seq < 5 ? CHUNK_BYTES : 12_345]));
    expect((await buffer(await readArtifact(db, info.id))).equals(file)).toBe(true);
  });

  it("reads chunk by chunk as the reader takes them: a file deleted midway fails its reader instead of ending short", async () => {
    const file = randomBytes(6 * CHUNK_BYTES);
    const info = await putArtifact(t.db, { kind: "export", name: "lazy.jsonl" }, [file]);
    const reader = (await readArtifact(t.db, info.id))[Symbol.asyncIterator]();
    const first = await reader.next();
    expect((first.value as Buffer).equals(file.subarray(0, CHUNK_BYTES))).toBe(true);
    await deleteArtifact(t.db, info.id);
    const rest = (async () => {
      for (let r = await reader.next(); !r.done; r = await reader.next());
    })();
    await expect(rest).rejects.toBeInstanceOf(ArtifactMissing);
  });

  it("an artifact being written cannot be read, and a failed write leaves nothing", async () => {
    const writing = await createArtifact(t.db, { kind: "upload", name: "half.jsonl" });
    writing.write(randomBytes(10));
    await expect(readArtifact(t.db, writing.id)).rejects.toBeInstanceOf(ArtifactMissing);
    writing.destroy();

    const before = await t.db.artifact.count();
    async function* failing() {
      yield randomBytes(2 * CHUNK_BYTES);
      throw new Error("the upload broke off");
    }
    await expect(putArtifact(t.db, { kind: "upload", name: "broken.jsonl" }, failing())).rejects.toThrow("the upload broke off");
    expect(await t.db.artifact.count()).toBe(before);
    await expect(artifactInfo(t.db, "no-such-artifact")).rejects.toBeInstanceOf(ArtifactMissing);
  });

  it("an empty file is stored and read back empty", async () => {
    const info = await putArtifact(t.db, { kind: "export", name: "empty.jsonl" }, []);
    expect(info).toMatchObject({ bytes: 0, sha256: createHash("sha256").digest("hex") });
    expect((await buffer(await readArtifact(t.db, info.id))).length).toBe(0);
  });
});
