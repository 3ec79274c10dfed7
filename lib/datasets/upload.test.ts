import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { saveUpload, UploadTooLarge } from "./upload";

const stream = (text: string) => new Blob([text]).stream();

describe("saving an uploaded trajectory file", () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "studio-upload-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("writes it under imports/ with a safe name and returns the relative path", async () => {
    const rel = await saveUpload(stream('{"messages":[]}\n'), "../../my data?.jsonl", root);
    expect(rel).toMatch(/^imports\/\d+-my_data_.jsonl$/);
    expect(readFileSync(path.join(root, rel), "utf8")).toBe('{"messages":[]}\n');
  });

  it("only the studio's user can read an upload or list the imports folder", async () => {
    const rel = await saveUpload(stream('{"messages":[]}\n'), "private.jsonl", root);
    expect(statSync(path.join(root, rel)).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(root, "imports")).mode & 0o777).toBe(0o700);
  });

  it("refuses a file over the limit and leaves nothing behind", async () => {
    const before = readdirSync(path.join(root, "imports")).length;
    await expect(saveUpload(stream("x".repeat(2000)), "big.jsonl", root, 1000)).rejects.toBeInstanceOf(UploadTooLarge);
    expect(readdirSync(path.join(root, "imports"))).toHaveLength(before);
  });
});
