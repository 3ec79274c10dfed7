import { text } from "node:stream/consumers";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { readArtifact } from "../artifacts/store";
import { saveUpload, UploadTooLarge } from "./upload";

const stream = (body: string) => new Blob([body]).stream();

describe("saving an uploaded trajectory file", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  it("stores it in the artifact store as an upload under a safe name", async () => {
    const saved = await saveUpload(t.db, stream('{"messages":[]}\n'), "../../my data?.jsonl");
    expect(saved).toMatchObject({ kind: "upload", name: "my_data_.jsonl", bytes: 16 });
    expect(await text(await readArtifact(t.db, saved.id))).toBe('{"messages":[]}\n');
  });

  it("refuses a file over the limit and leaves nothing behind", async () => {
    const before = await t.db.artifact.count();
    await expect(saveUpload(t.db, stream("x".repeat(2000)), "big.jsonl", 1000)).rejects.toBeInstanceOf(UploadTooLarge);
    expect(await t.db.artifact.count()).toBe(before);
    expect(await t.db.artifactChunk.count()).toBe(1); // the first file's only
  });
});
